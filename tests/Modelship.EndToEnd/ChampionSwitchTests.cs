using System.Diagnostics;
using Modelship.Api.Routing;
using Modelship.EndToEnd.Load;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;
using Xunit.Abstractions;

namespace Modelship.EndToEnd;

/// <summary>
/// Three runtime processes behind a router process whose table file is rewritten under continuous load: no request
/// may fail, and every answer must come from a version that the table named while the request was in flight.
/// </summary>
public sealed class ChampionSwitchTests(ITestOutputHelper output)
{
    private const double OfferedRate = 250;
    private const double RequiredRate = 200;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan[] SwitchTimes = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(9)];

    /// <summary>
    /// Longest time the router may keep serving a replaced table: its file watcher reacts within ~50 ms, its poll
    /// (every 2 s) catches a missed event; the rest is slack for a busy machine.
    /// </summary>
    private static readonly TimeSpan SwitchAllowance = TimeSpan.FromSeconds(3.5);

    [Fact]
    public async Task Champion_changes_under_load_without_a_failed_request_and_every_answer_comes_from_a_version_the_live_table_names()
    {
        var environment = await ServingEnvironment.GetAsync();
        var ports = new Dictionary<string, int> { ["v1"] = FreePort.Next(), ["v2"] = FreePort.Next(), ["v3"] = FreePort.Next() };
        using var tableFile = new RoutingTableFile();
        RoutingTable[] generations =
        [
            Table(1, Backend("v1", BackendRole.Champion, 0, ports)),
            Table(2, Backend("v2", BackendRole.Champion, 0, ports)),
            Table(3, Backend("v2", BackendRole.Champion, 70, ports), Backend("v3", BackendRole.Challenger, 30, ports)),
            Table(4, Backend("v3", BackendRole.Champion, 0, ports), Backend("v1", BackendRole.Challenger, 50, ports)),
        ];
        tableFile.Write(generations[0]);
        await using var processes = await ProcessGroup.StartAsync(
            ports.Select(p => ModelshipProcess.StartRuntimeAsync(environment, p.Key, p.Value)).Append(ModelshipProcess.StartRouterAsync(environment, tableFile.Path)));
        var router = processes[3];
        using var client = OpenLoopLoad.CreateClient(connections: 8);
        await WarmUpAsync(client, processes.All);

        var load = new OpenLoopLoad(client, new Uri(router.BaseAddress, "v2/models/iris/infer"), IrisRequests.Valid, IrisRequests.ProblemWithAnswer);
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

        result.Failures.Should().BeEmpty("every request must get a 200 with a V2 answer while the table changes; router output:\n{0}", router.RecentOutput);
        result.AchievedRate.Should().BeGreaterThanOrEqualTo(RequiredRate);
        router.HasExited.Should().BeFalse();
        AnswersComeFromTheirGenerationsTable(result.Requests, tableFile.Written);
        GenerationsAreServedInOrder(result.Requests);
        EachTableIsServedSoonAfterItIsWritten(result.Requests, tableFile.Written);
        TrafficFollowsEachTable(result.Requests);
    }

    private static void AnswersComeFromTheirGenerationsTable(IReadOnlyList<RequestRecord> requests, IReadOnlyDictionary<long, WrittenTable> written)
    {
        foreach (var request in requests)
        {
            request.Generation.Should().NotBeNull("every router answer names its generation");
            written.Should().ContainKey(request.Generation!.Value);
            var table = written[request.Generation.Value];
            request.CompletedAt.Should().BeGreaterThanOrEqualTo(table.WrittenAt, "generation {0} cannot answer before its file was written", request.Generation);
            var backend = table.Table.Backends.SingleOrDefault(b => b.Version == request.Version);
            backend.Should().NotBeNull("version {0} answered under generation {1}, whose table has no such backend", request.Version, request.Generation);
            backend!.Role.Should().NotBe(BackendRole.Shadow, "a shadow never answers callers");
            request.Role.Should().Be(backend.Role.ToString().ToLowerInvariant());
        }
    }

    /// <summary>
    /// The router swaps one snapshot atomically: once an answer from generation g has arrived, no request sent
    /// after it may be served from an older table.
    /// </summary>
    private static void GenerationsAreServedInOrder(IReadOnlyList<RequestRecord> requests)
    {
        var byCompletion = requests.OrderBy(r => r.CompletedAt).ToArray();
        var completions = byCompletion.Select(r => r.CompletedAt).ToArray();
        var newestSoFar = new long[byCompletion.Length];
        for (var i = 0; i < byCompletion.Length; i++)
        {
            newestSoFar[i] = Math.Max(i == 0 ? 0 : newestSoFar[i - 1], byCompletion[i].Generation!.Value);
        }
        foreach (var request in requests)
        {
            var answeredBefore = Array.BinarySearch(completions, request.SentAt);
            var last = answeredBefore >= 0 ? answeredBefore - 1 : ~answeredBefore - 1;
            if (last >= 0)
            {
                request.Generation.Should().BeGreaterThanOrEqualTo(
                    newestSoFar[last], "generation {0} had already answered before this request was sent", newestSoFar[last]);
            }
        }
    }

    /// <summary>A generation answers no request sent long after its successor's file was written.</summary>
    private static void EachTableIsServedSoonAfterItIsWritten(IReadOnlyList<RequestRecord> requests, IReadOnlyDictionary<long, WrittenTable> written)
    {
        foreach (var request in requests)
        {
            if (written.TryGetValue(request.Generation!.Value + 1, out var successor))
            {
                Stopwatch.GetElapsedTime(successor.WrittenAt, request.SentAt).Should().BeLessThan(
                    SwitchAllowance, "generation {0} answered a request sent well after generation {1} was written", request.Generation, request.Generation + 1);
            }
        }
    }

    private static void TrafficFollowsEachTable(IReadOnlyList<RequestRecord> requests)
    {
        var byGeneration = requests.GroupBy(r => r.Generation!.Value).ToDictionary(g => g.Key, g => g.ToList());
        byGeneration.Keys.Should().BeEquivalentTo(new long[] { 1, 2, 3, 4 }, "the router must pick up every table written");
        foreach (var (generation, answers) in byGeneration)
        {
            answers.Count.Should().BeGreaterThan(100, "generation {0} was live for ~3 s of load", generation);
        }
        byGeneration[1].Should().OnlyContain(r => r.Version == "v1");
        byGeneration[2].Should().OnlyContain(r => r.Version == "v2", "v2 became the only backend");
        ShareOf("v3", byGeneration[3]).Should().BeApproximately(0.30, 0.07, "v3 is a challenger with weight 30");
        byGeneration[3].Should().OnlyContain(r => r.Version == "v2" || r.Version == "v3");
        ShareOf("v1", byGeneration[4]).Should().BeApproximately(0.50, 0.08, "v1 came back as a challenger with weight 50");
        byGeneration[4].Should().OnlyContain(r => r.Version == "v3" || r.Version == "v1");
    }

    private static double ShareOf(string version, List<RequestRecord> answers) => answers.Count(r => r.Version == version) / (double)answers.Count;

    private static RoutingTable Table(long generation, params RoutingBackend[] backends) =>
        new() { Generation = generation, ModelName = "iris", Backends = backends };

    private static RoutingBackend Backend(string version, BackendRole role, int weight, Dictionary<string, int> ports) => new()
    {
        Name = $"iris-{version}",
        Version = version,
        Role = role,
        Weight = weight,
        Url = ModelshipProcess.Url(ports[version]),
        ModelName = "iris",
    };

    /// <summary>First requests pay for JIT and ONNX Runtime's first run; they must not count against the switch.</summary>
    private static async Task WarmUpAsync(HttpClient client, IReadOnlyList<ModelshipProcess> servers)
    {
        foreach (var server in servers)
        {
            for (var i = 0; i < 20; i++)
            {
                using var content = new ByteArrayContent(IrisRequests.Valid(i));
                content.Headers.ContentType = new("application/json");
                using var response = await client.PostAsync(new Uri(server.BaseAddress, "v2/models/iris/infer"), content);
                response.IsSuccessStatusCode.Should().BeTrue($"warm-up request to {server.Description}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    private void Report(LoadResult result)
    {
        output.WriteLine($"{result.Requests.Count} requests, {result.Failures.Count()} failed, {result.AchievedRate:F0}/s achieved, " +
            $"latency p50 {result.Percentile(0.5).TotalMilliseconds:F1} ms, p99 {result.Percentile(0.99).TotalMilliseconds:F1} ms, max {result.Percentile(1).TotalMilliseconds:F1} ms");
        foreach (var generation in result.Requests.GroupBy(r => r.Generation).OrderBy(g => g.Key))
        {
            var versions = string.Join(", ", generation.GroupBy(r => r.Version).OrderBy(v => v.Key).Select(v => $"{v.Key}: {v.Count()}"));
            output.WriteLine($"generation {generation.Key}: {generation.Count()} answers ({versions})");
        }
    }
}
