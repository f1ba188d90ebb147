using System.Diagnostics;
using System.Globalization;
using System.Text;
using Modelship.Api.Routing;
using Modelship.EndToEnd.Load;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;
using Xunit.Abstractions;

namespace Modelship.EndToEnd;

/// <summary>
/// A pipeline router process in front of runtime processes (preprocessing and iris models), its table file rewritten
/// under continuous load so that every step changes: no request may fail, and every step model that answered must be
/// one the table of the answer's generation names for that step.
/// </summary>
public sealed class PipelineStepSwitchTests(ITestOutputHelper output)
{
    private const double OfferedRate = 250;
    private const double RequiredRate = 200;
    private const string StepModelsHeader = "x-modelship-step-models";
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan[] SwitchTimes = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(9)];

    [Fact]
    public async Task Changing_every_step_under_load_fails_no_request_and_answers_follow_their_generations_table()
    {
        var environment = await ServingEnvironment.GetAsync();
        var ports = new Dictionary<string, int>
        {
            ["mm"] = FreePort.Next(), ["inches"] = FreePort.Next(), ["v1"] = FreePort.Next(), ["v2"] = FreePort.Next(), ["v3"] = FreePort.Next(),
        };
        using var tableFile = new RoutingTableFile();
        RoutingTable[] generations =
        [
            Table(1, Preprocess(ports), Classify(StepKind.Model, ports, "v1")),
            Table(2, Preprocess(ports), Classify(StepKind.ShadowDeploy, ports, "v2", "v3") with { Champion = "iris-v2" }, Checks()),
            Table(3, PreprocessByCountry(ports), Classify(StepKind.RandomSplit, ports, "v1", "v3"), Checks()),
            Table(4, PreprocessByCountry(ports), Classify(StepKind.Model, ports, "v3"), new RoutingStep { Name = "audit", Kind = StepKind.Audit, Slice = "0:1" }) with
            {
                Log = new InferenceLogSettings { SampleRate = 0.1 },
            },
        ];
        tableFile.Write(generations[0]);
        await using var processes = await ProcessGroup.StartAsync(
        [
            PipelineModels.StartRuntimeAsync(environment, "mm-to-cm.onnx", "mm-to-cm", "v1", ports["mm"]),
            PipelineModels.StartRuntimeAsync(environment, "inches-to-cm.onnx", "inches-to-cm", "v1", ports["inches"]),
            PipelineModels.StartRuntimeAsync(environment, "iris-v1.onnx", "iris", "v1", ports["v1"]),
            PipelineModels.StartRuntimeAsync(environment, "iris-v2.onnx", "iris", "v2", ports["v2"]),
            PipelineModels.StartRuntimeAsync(environment, "iris-v3.onnx", "iris", "v3", ports["v3"]),
            ModelshipProcess.StartRouterAsync(environment, tableFile.Path, "--log-dir", Path.Combine(Path.GetDirectoryName(tableFile.Path)!, "logs")),
        ]);
        var router = processes[5];
        using var client = OpenLoopLoad.CreateClient(connections: 8);
        var infer = new Uri(router.BaseAddress, "v2/models/flowers/infer");
        await WarmUpAsync(client, infer);

        var load = new OpenLoopLoad(client, infer, Request, IrisRequests.ProblemWithAnswer, StepModelsHeader);
        var running = load.RunAsync(OfferedRate, LoadDuration);
        var loadStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < SwitchTimes.Length; i++)
        {
            var wait = SwitchTimes[i] - Stopwatch.GetElapsedTime(loadStart);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            tableFile.Write(generations[i + 1]);
        }
        var result = await running;
        Report(result);

        result.Failures.Should().BeEmpty("every request must get a 200 with a V2 answer while the steps change; router output:\n{0}", router.RecentOutput);
        result.AchievedRate.Should().BeGreaterThanOrEqualTo(RequiredRate);
        router.HasExited.Should().BeFalse();
        var byGeneration = result.Requests.GroupBy(r => r.Generation!.Value).ToDictionary(g => g.Key, g => g.ToList());
        byGeneration.Keys.Should().BeEquivalentTo(new long[] { 1, 2, 3, 4 }, "the router must pick up every table written");
        foreach (var request in result.Requests)
        {
            var table = tableFile.Written[request.Generation!.Value].Table;
            request.CompletedAt.Should().BeGreaterThanOrEqualTo(tableFile.Written[request.Generation.Value].WrittenAt);
            foreach (var (step, model, version) in StepModels(request.Version))
            {
                var declared = table.Pipeline!.Steps.SingleOrDefault(s => s.Name == step)?.Models.SingleOrDefault(m => m.Name == model);
                declared.Should().NotBeNull("generation {0} has no model {1} in step {2}", request.Generation, model, step);
                declared!.Version.Should().Be(version);
            }
        }
        byGeneration[1].Should().OnlyContain(r => r.Version == "to-centimetres:mm@v1,classify:iris-v1@v1");
        byGeneration[2].Should().OnlyContain(r => r.Version == "to-centimetres:mm@v1,classify:iris-v2@v2", "the challenger never answers");
        byGeneration[3].Select(r => r.Version).Distinct().Should().HaveCountGreaterThan(2, "the key split and the random split both choose");
        byGeneration[4].Should().OnlyContain(r => r.Version!.EndsWith(",classify:iris-v3@v3", StringComparison.Ordinal));
    }

    /// <summary>Flower measurements in millimetres; every other request says it comes from the us (inches).</summary>
    private static byte[] Request(int index)
    {
        float[][] flowers = [[51, 35, 14, 2], [70, 32, 47, 14], [63, 33, 60, 25], [59, 30, 51, 18]];
        var us = index % 2 == 1;
        var values = flowers[index % flowers.Length].Select(v => us ? v / 25.4f : v).Select(v => v.ToString(CultureInfo.InvariantCulture));
        return Encoding.UTF8.GetBytes($$"""{"parameters":{"country":"{{(us ? "us" : "fr")}}"},"inputs":[{"name":"measurements","shape":[1,4],"datatype":"FP32","data":[{{string.Join(',', values)}}]}]}""");
    }

    private static IEnumerable<(string Step, string Model, string Version)> StepModels(string? header) =>
        (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var at = part.LastIndexOf('@');
            return (part[..colon], part[(colon + 1)..at], part[(at + 1)..]);
        });

    private static RoutingTable Table(long generation, params RoutingStep[] steps) =>
        new() { Generation = generation, ModelName = "flowers", Pipeline = new RoutingPipeline { Steps = steps } };

    private static StepBackend Backend(string name, string modelName, string version, int port) =>
        new() { Name = name, Version = version, Url = ModelshipProcess.Url(port), ModelName = modelName };

    private static RoutingStep Preprocess(Dictionary<string, int> ports) =>
        new() { Name = "to-centimetres", Kind = StepKind.Model, Models = [Backend("mm", "mm-to-cm", "v1", ports["mm"])] };

    private static RoutingStep PreprocessByCountry(Dictionary<string, int> ports) => new()
    {
        Name = "to-centimetres",
        Kind = StepKind.KeySplit,
        Models = [Backend("mm", "mm-to-cm", "v1", ports["mm"]), Backend("inches", "inches-to-cm", "v1", ports["inches"])],
        Key = new StepKey { Source = StepKeySource.Parameter, Name = "country" },
        Routes = new Dictionary<string, string> { ["us"] = "inches" },
        Default = "mm",
    };

    private static RoutingStep Classify(StepKind kind, Dictionary<string, int> ports, params string[] versions) => new()
    {
        Name = "classify",
        Kind = kind,
        Models = [.. versions.Select(v => Backend($"iris-{v}", "iris", v, ports[v]) with { Weight = kind == StepKind.RandomSplit ? 1 : 0 })],
    };

    private static RoutingStep Checks() => new()
    {
        Name = "checks",
        Kind = StepKind.Validations,
        Validations = [new StepValidation { Name = "confident", Expression = "outputs.probabilities.exists(p, p > 0.5)" }],
    };

    /// <summary>First requests pay for JIT and ONNX Runtime's first run in every process.</summary>
    private static async Task WarmUpAsync(HttpClient client, Uri infer)
    {
        for (var i = 0; i < 40; i++)
        {
            using var content = new ByteArrayContent(Request(i));
            content.Headers.ContentType = new("application/json");
            using var response = await client.PostAsync(infer, content);
            response.IsSuccessStatusCode.Should().BeTrue($"warm-up request: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private void Report(LoadResult result)
    {
        output.WriteLine($"{result.Requests.Count} requests, {result.Failures.Count()} failed, {result.AchievedRate:F0}/s achieved, " +
            $"latency p50 {result.Percentile(0.5).TotalMilliseconds:F1} ms, p99 {result.Percentile(0.99).TotalMilliseconds:F1} ms, max {result.Percentile(1).TotalMilliseconds:F1} ms");
        foreach (var generation in result.Requests.GroupBy(r => r.Generation).OrderBy(g => g.Key))
        {
            var models = string.Join("; ", generation.GroupBy(r => r.Version).OrderBy(v => v.Key).Select(v => $"{v.Key}: {v.Count()}"));
            output.WriteLine($"generation {generation.Key}: {generation.Count()} answers ({models})");
        }
    }
}
