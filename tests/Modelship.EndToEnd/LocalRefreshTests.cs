using System.Diagnostics;
using System.Text.Json;
using Modelship.EndToEnd.Load;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;
using Xunit.Abstractions;

namespace Modelship.EndToEnd;

/// <summary>
/// `modelship run -f examples/refresh/refresh.yaml` as a process (the iris ModelDeployment and a RefreshSchedule over
/// its versions/ directory), under constant open-loop load while a person drops model versions into the directory.
/// </summary>
public sealed class LocalRefreshTests(ITestOutputHelper output) : IDisposable
{
    private const double OfferedRate = 200;
    private const double RequiredRate = 150;

    /// <summary>
    /// From the rename of the model file to the first answer of the new version: a 0.5 s quiet period of the directory
    /// watch, the listing, loading the model and its V2 ready check take about a second on an idle machine; the rest
    /// is slack for a shared 2-core one.
    /// </summary>
    private static readonly TimeSpan SwitchBound = TimeSpan.FromSeconds(10);

    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-e2e-refresh-").FullName;

    [Fact]
    public async Task A_model_file_dropped_into_the_directory_becomes_the_champion_under_load_without_a_failed_request()
    {
        var environment = await ServingEnvironment.GetAsync();
        var (run, versions) = await StartAsync(environment);
        await using var _ = run;
        using var client = OpenLoopLoad.CreateClient(connections: 8);
        await WarmUpAsync(client, run);
        var load = new OpenLoopLoad(client, new Uri(run.BaseAddress, "v2/models/iris/infer"), IrisRequests.Valid, IrisRequests.ProblemWithAnswer);

        // The old runtime is stopped 5 s (the drain delay) after the switch, while the load still runs.
        var running = load.RunAsync(OfferedRate, TimeSpan.FromSeconds(18));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var droppedAt = Stopwatch.GetTimestamp();
        versions.Drop(environment.Model("v2"), "iris-v2.onnx", ExampleMetadata("iris-v2.onnx"));
        await run.WaitForOutputAsync("Promoted version v2");
        await run.WaitForOutputAsync("version v1 drained and stopped");
        var oldStoppedAt = Stopwatch.GetTimestamp();
        var result = await running;
        Report(result, run, droppedAt);

        result.Failures.Should().BeEmpty("no request may fail while the champion is replaced and the old one drained; output:\n{0}", run.RecentOutput);
        result.AchievedRate.Should().BeGreaterThanOrEqualTo(RequiredRate);
        result.Requests.Max(r => r.SentAt).Should().BeGreaterThan(oldStoppedAt, "the load must outlast the old champion's runtime");
        result.Requests.Where(r => r.CompletedAt < droppedAt).Should().OnlyContain(r => r.Version == "v1" && r.Generation == 1);
        var firstNew = result.Requests.Where(r => r.Version == "v2").MinBy(r => r.CompletedAt);
        firstNew.Should().NotBeNull("v2 must answer after it is dropped into the directory");
        Stopwatch.GetElapsedTime(droppedAt, firstNew!.CompletedAt).Should().BeLessThan(SwitchBound);
        result.Requests.Where(r => r.SentAt > firstNew.CompletedAt).Should().OnlyContain(
            r => r.Version == "v2" && r.Generation == 2, "once v2 has answered, the router serves only the table naming it");
        run.RecentOutput.Should().Contain("Passed accuracy: 0.98 vs champion 0.953");
        (await ModelVersionInBodyAsync(client, run)).Should().Be("v2", "the V2 answer's model_version names the new champion");
    }

    [Fact]
    public async Task A_candidate_with_worse_registry_accuracy_is_rejected_and_the_champion_keeps_answering_under_load()
    {
        var environment = await ServingEnvironment.GetAsync();
        var (run, versions) = await StartAsync(environment);
        await using var _ = run;
        using var client = OpenLoopLoad.CreateClient(connections: 8);
        await WarmUpAsync(client, run);
        var load = new OpenLoopLoad(client, new Uri(run.BaseAddress, "v2/models/iris/infer"), IrisRequests.Valid, IrisRequests.ProblemWithAnswer);

        var running = load.RunAsync(OfferedRate, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var droppedAt = Stopwatch.GetTimestamp();
        // A newer model whose registry metrics are worse: 0.90 against the champion's 0.953, more than the 0.01 allowed.
        versions.Drop(environment.Model("v3"), "iris-v3.onnx",
            """{"version": "v3", "createdTime": "2026-12-06T09:00:00Z", "metrics": {"accuracy": 0.90}}""");
        await run.WaitForOutputAsync("Rejected version v3");
        var rejectedAt = Stopwatch.GetTimestamp();
        var result = await running;
        Report(result, run, droppedAt);

        run.RecentOutput.Should().Contain("Failed accuracy: 0.9 vs champion 0.953, regression 0.053 exceeds the allowed 0.01");
        result.Failures.Should().BeEmpty("output:\n{0}", run.RecentOutput);
        result.AchievedRate.Should().BeGreaterThanOrEqualTo(RequiredRate);
        result.Requests.Max(r => r.SentAt).Should().BeGreaterThan(rejectedAt, "the load must outlast the rejection");
        result.Requests.Should().OnlyContain(r => r.Version == "v1" && r.Generation == 1, "the champion stays and the table is never replaced");
        (await ModelVersionInBodyAsync(client, run)).Should().Be("v1");
    }

    [Fact]
    public async Task A_model_file_that_cannot_be_loaded_fails_its_run_and_the_champion_keeps_answering()
    {
        var environment = await ServingEnvironment.GetAsync();
        var (run, versions) = await StartAsync(environment);
        await using var _ = run;
        var broken = Path.Combine(_directory, "broken.onnx");
        await File.WriteAllTextAsync(broken, "not an ONNX model");

        versions.Drop(broken, "iris-v4.onnx", """{"version": "v4", "createdTime": "2026-12-07T09:00:00Z", "metrics": {"accuracy": 0.99}}""");
        await run.WaitForOutputAsync("Failed version v4");

        run.RecentOutput.Should().Contain("version v4 could not be served, the champion v1 stays");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        (await ModelVersionInBodyAsync(client, run)).Should().Be("v1");
        run.HasExited.Should().BeFalse();
    }

    /// <summary>A copy of examples/refresh/refresh.yaml with versions/ holding the champion iris-v1 and its example metadata; the run started on it.</summary>
    private async Task<(ModelshipProcess Run, VersionDirectory Versions)> StartAsync(ServingEnvironment environment)
    {
        var manifest = Path.Combine(_directory, "refresh.yaml");
        File.Copy(RepositoryRoot.Combine("examples", "refresh", "refresh.yaml"), manifest);
        var versions = new VersionDirectory(Path.Combine(_directory, "versions"));
        versions.Drop(environment.Model("v1"), "iris-v1.onnx", ExampleMetadata("iris-v1.onnx"));
        var port = FreePort.Next();
        var run = ModelshipProcess.Start(environment, port, "run", "-f", manifest, "--port", $"{port}");
        try
        {
            await run.WaitForOutputAsync("modelship refresh iris-newest: directory");
            await run.WaitUntilReadyAsync("v2/health/ready");
            return (run, versions);
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    private static string ExampleMetadata(string model) => File.ReadAllText(RepositoryRoot.Combine("examples", "refresh", "metadata", model + ".metadata.json"));

    private static async Task<string?> ModelVersionInBodyAsync(HttpClient client, ModelshipProcess run)
    {
        using var content = new ByteArrayContent(IrisRequests.Valid(0));
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync(new Uri(run.BaseAddress, "v2/models/iris/infer"), content);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.GetProperty("model_version").GetString();
    }

    /// <summary>First requests pay for JIT and ONNX Runtime's first run; they must not count against the load.</summary>
    private static async Task WarmUpAsync(HttpClient client, ModelshipProcess run)
    {
        for (var i = 0; i < 20; i++)
        {
            using var content = new ByteArrayContent(IrisRequests.Valid(i));
            content.Headers.ContentType = new("application/json");
            using var response = await client.PostAsync(new Uri(run.BaseAddress, "v2/models/iris/infer"), content);
            response.IsSuccessStatusCode.Should().BeTrue($"warm-up request: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private void Report(LoadResult result, ModelshipProcess run, long droppedAt)
    {
        output.WriteLine($"{result.Requests.Count} requests, {result.Failures.Count()} failed, {result.AchievedRate:F0}/s achieved, " +
            $"latency p50 {result.Percentile(0.5).TotalMilliseconds:F1} ms, p99 {result.Percentile(0.99).TotalMilliseconds:F1} ms, max {result.Percentile(1).TotalMilliseconds:F1} ms");
        var versions = string.Join(", ", result.Requests.GroupBy(r => (r.Version, r.Generation)).OrderBy(g => g.Key.Generation).Select(g => $"{g.Key.Version} (generation {g.Key.Generation}): {g.Count()}"));
        output.WriteLine($"answers by version: {versions}");
        foreach (var slow in result.Requests.OrderByDescending(r => r.CompletedAt - r.SentAt).Take(3))
        {
            output.WriteLine($"slow: sent {Stopwatch.GetElapsedTime(droppedAt, slow.SentAt).TotalMilliseconds:F0} ms after the drop, " +
                $"answered in {Stopwatch.GetElapsedTime(slow.SentAt, slow.CompletedAt).TotalMilliseconds:F0} ms by {slow.Version}");
        }
        output.WriteLine(run.RecentOutput);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
