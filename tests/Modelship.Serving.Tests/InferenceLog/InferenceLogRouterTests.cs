using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.Serving.InferenceLog;
using Modelship.Serving.Tests.Routing;

namespace Modelship.Serving.Tests.InferenceLog;

public class InferenceLogRouterTests
{
    private static readonly InferenceLogSettings LogEverything = new() { SampleRate = 1 };

    [Fact]
    public async Task Fake_backend_answers_are_logged_with_inputs_outputs_version_and_role_and_queryable()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion-v1");
        await using var shadow = await FakeV2Backend.StartAsync("shadow-v9");
        var table = TestRouter.Table(
            3,
            TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString(), version: "v1"),
            TestRouter.BackendFor("s", BackendRole.Shadow, shadow.Url.ToString(), version: "v9")) with
        { Log = LogEverything };
        await using var router = await LoggingTestRouter.StartAsync(table);

        using (var response = await router.InferAsync(TestRouter.IrisRequest))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        JsonElement[] entries = [];
        await Eventually.HoldsAsync(() => (entries = router.LogsAsync().GetAwaiter().GetResult()).Length == 2, "the answer and the shadow's are logged");

        var served = entries.Single(e => e.GetProperty("role").GetString() == "champion");
        served.GetProperty("id").GetString().Should().Be("1");
        served.GetProperty("model").GetString().Should().Be("iris");
        served.GetProperty("version").GetString().Should().Be("v1");
        served.GetProperty("status").GetInt32().Should().Be(200);
        served.GetProperty("valid").GetBoolean().Should().BeTrue();
        served.GetProperty("latencyMs").GetDouble().Should().BePositive();
        served.GetProperty("inputs").GetRawText().Should().Be(JsonDocument.Parse(TestRouter.IrisRequest).RootElement.GetProperty("inputs").GetRawText());
        served.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(d => d.GetInt64()).Should().Equal(1, 2, 3, 4);
        var mirrored = entries.Single(e => e.GetProperty("role").GetString() == "shadow");
        mirrored.GetProperty("id").GetString().Should().Be("1", "a shadow's entry names the request it mirrors");
        mirrored.GetProperty("version").GetString().Should().Be("v9");
        mirrored.GetProperty("comparison").GetProperty("agreementRatio").GetDouble().Should().Be(1);
        File.ReadAllLines(Path.Combine(router.LogDirectory, "inference.log")).Should().HaveCount(2);
    }

    [Fact]
    public async Task Failures_and_out_of_range_predictions_are_logged_invalid_with_the_reason()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion", scores: [0.5, 0.25]);
        var table = TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString())) with
        {
            Log = new InferenceLogSettings { SampleRate = 0, IncludeInputs = false },
            PredictionWarnings = [new PredictionBound { Output = "score", Max = 0.4 }],
        };
        await using var router = await LoggingTestRouter.StartAsync(table);

        (await router.InferAsync("""{"id":"a","inputs":[]}""")).Dispose();
        (await router.InferAsync("""{"id":"b","inputs":[{"name":"x","data":["reject-me"]}]}""")).Dispose();
        (await router.InferAsync("""{"id":"c","inputs":[]}""", "v2/models/iris/versions/nope/infer")).Dispose();
        JsonElement[] entries = [];
        await Eventually.HoldsAsync(() => (entries = router.LogsAsync().GetAwaiter().GetResult()).Length == 3);

        entries.Select(e => e.GetProperty("id").GetString()).Should().Equal("c", "b", "a");
        entries.Should().OnlyContain(e => !e.GetProperty("valid").GetBoolean());
        entries.Where(e => e.TryGetProperty("inputs", out _)).Should().BeEmpty("the table turned inputs off");
        entries[2].GetProperty("checkFailures")[0].GetString().Should().Be("prediction out of range: 1 value(s) of output 'score'");
        entries[1].GetProperty("error").GetString().Should().Be("champion rejects this input");
        entries[1].GetProperty("status").GetInt32().Should().Be(400);
        entries[0].GetProperty("status").GetInt32().Should().Be(404);
        entries[0].GetProperty("version").GetString().Should().Be("nope");
        (await router.LogsAsync("?valid=true")).Should().BeEmpty();
    }

    [Fact]
    public async Task Nothing_is_logged_when_the_table_has_no_log_settings()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        await using var router = await LoggingTestRouter.StartAsync(TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString())));
        using var metrics = new MetricsRecorder(router.Host.Metrics.Meter);

        (await router.InferAsync(TestRouter.IrisRequest)).Dispose();
        (await router.InferAsync("""{"inputs":[{"name":"x","data":["reject-me"]}]}""")).Dispose();
        await router.Host.DisposeAsync();

        metrics.Sum("modelship_inference_log_entries_total").Should().Be(0);
        File.Exists(Path.Combine(router.LogDirectory, "inference.log")).Should().BeFalse();
    }

    [Fact]
    public async Task Blocked_Fake_disk_and_full_queue_never_delay_the_caller_and_drops_are_counted()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        var disk = new FakeLogSink(blocked: true);
        var table = TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString())) with { Log = LogEverything };
        await using var router = await LoggingTestRouter.StartAsync(table, new InferenceLogOptions { QueueCapacity = 1 }, _ => disk);
        using var metrics = new MetricsRecorder(router.Host.Metrics.Meter);
        (await router.InferAsync(TestRouter.IrisRequest)).Dispose();

        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 30; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await router.InferAsync(TestRouter.IrisRequest);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, watch.Elapsed.Ticks));
        }

        slowest.Should().BeLessThan(TimeSpan.FromSeconds(1), "no caller waits for the blocked disk");
        // The writer holds one entry and the queue one more; every other entry of the 31 is dropped. When all requests
        // are answered within the writer's batch delay, the first entry is still queued and the writer holds none yet.
        await Eventually.HoldsAsync(() => metrics.Sum("modelship_inference_log_dropped_total") >= 29);
        disk.Lines.Should().BeEmpty();

        // Compare once each of the 31 entries is counted as written or dropped: a drop counted after a first read of the
        // counter would leave the expected number of lines off by one.
        disk.Release();
        await Eventually.HoldsAsync(() => metrics.Sum("modelship_inference_log_entries_total") + metrics.Sum("modelship_inference_log_dropped_total") == 31);
        var dropped = metrics.Sum("modelship_inference_log_dropped_total");
        dropped.Should().BeInRange(29, 30);
        await Eventually.HoldsAsync(() => disk.Lines.Count == (int)(31 - dropped), "every entry not dropped reaches the disk");
    }

    [Fact]
    public async Task Bad_query_parameters_get_400_and_a_router_without_log_directory_404()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        var table = TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString())) with { Log = LogEverything };
        await using var router = await LoggingTestRouter.StartAsync(table);
        await using var unlogged = await LoggingTestRouter.StartAsync(table, withLogDirectory: false);

        foreach (var query in new[] { "?limit=0", "?limit=x", "?start=soon", "?valid=maybe", "?start=2026-01-02T00:00:00Z&end=2026-01-01T00:00:00Z" })
        {
            using var response = await router.Client.GetAsync("v2/logs" + query);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, query);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().Should().NotBeNullOrEmpty();
        }
        using var exportResponse = await router.Client.GetAsync("v2/logs/export?end=never");
        exportResponse.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var missing = await unlogged.Client.GetAsync("v2/logs");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unlogged.InferAsync(TestRouter.IrisRequest)).StatusCode.Should().Be(HttpStatusCode.OK, "a table asking for a log still serves without one");
    }

    [Fact]
    public async Task Export_streams_a_time_range_as_ndjson_oldest_first()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        var table = TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString())) with { Log = LogEverything };
        await using var router = await LoggingTestRouter.StartAsync(table, new InferenceLogOptions { MaxFileBytes = 600, MaxFiles = 50 });
        var before = DateTimeOffset.UtcNow;
        for (var i = 0; i < 6; i++)
        {
            (await router.InferAsync($$"""{"id":"r{{i}}","inputs":[]}""")).Dispose();
        }
        await Eventually.HoldsAsync(() => router.LogsAsync().GetAwaiter().GetResult().Length == 6);
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        Directory.GetFiles(router.LogDirectory).Length.Should().BeGreaterThan(1, "the entries were rotated");
        var range = $"start={Uri.EscapeDataString(before.ToString("O"))}&end={Uri.EscapeDataString(after.ToString("O"))}";
        using var response = await router.Client.GetAsync("v2/logs/export?" + range);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-ndjson");
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Should().Equal("r0", "r1", "r2", "r3", "r4", "r5");
        (await router.LogsAsync("?limit=2&" + range)).Select(e => e.GetProperty("id").GetString()).Should().Equal("r5", "r4");
        (await router.LogsAsync($"?end={Uri.EscapeDataString(before.ToString("O"))}")).Should().BeEmpty();
    }
}
