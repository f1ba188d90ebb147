using System.Diagnostics;
using System.Net;
using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public class ShadowMirrorTests
{
    private const int BatchSize = 60;

    [Fact]
    public async Task Down_or_slow_Fake_shadow_changes_neither_the_answers_nor_their_latency()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        await using var slowShadow = await FakeV2Backend.StartAsync("slow-shadow");
        slowShadow.Delay = TimeSpan.FromSeconds(5);
        var championOnly = TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString()));
        await using var router = await TestRouter.StartAsync(championOnly, new RouterOptions { Timeout = TimeSpan.FromSeconds(10) });
        using var metrics = new MetricsRecorder(router.Host.Metrics.Meter);
        await MeasureBatchAsync(router);

        var baseline = await MeasureBatchAsync(router);
        router.Host.Update(championOnly with { Generation = 2, Backends = [.. championOnly.Backends, TestRouter.BackendFor("down", BackendRole.Shadow, TestRouter.UnreachableUrl())] });
        var withDownShadow = await MeasureBatchAsync(router);
        router.Host.Update(championOnly with { Generation = 3, Backends = [.. championOnly.Backends, TestRouter.BackendFor("slow", BackendRole.Shadow, slowShadow.Url.ToString())] });
        var withSlowShadow = await MeasureBatchAsync(router);

        withDownShadow.Bodies.Should().Equal(baseline.Bodies);
        withSlowShadow.Bodies.Should().Equal(baseline.Bodies);
        withDownShadow.P50.Should().BeLessThan(baseline.P50 + TimeSpan.FromMilliseconds(20));
        withSlowShadow.P50.Should().BeLessThan(baseline.P50 + TimeSpan.FromMilliseconds(20));
        withSlowShadow.Max.Should().BeLessThan(TimeSpan.FromSeconds(1), "no caller waits for the 5 s shadow");
        await Eventually.WaitUntilAsync(() => metrics.Sum("modelship_shadow_errors_total", ("version", "down"), ("reason", "unreachable")) == BatchSize);
        slowShadow.InferRequests.Should().BeGreaterThan(0, "the slow shadow was mirrored to");
    }

    [Fact]
    public async Task Full_shadow_queue_drops_and_counts_without_failing_callers()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        await using var slowShadow = await FakeV2Backend.StartAsync("slow-shadow");
        // Longer than any busy machine takes for the 20 calls: the one worker never frees up during the test.
        slowShadow.Delay = TimeSpan.FromMinutes(2);
        await using var router = await TestRouter.StartAsync(
            TestRouter.Table(
                1,
                TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString()),
                TestRouter.BackendFor("s", BackendRole.Shadow, slowShadow.Url.ToString())),
            new RouterOptions { ShadowQueueCapacity = 2, ShadowConcurrency = 1, Timeout = TimeSpan.FromMinutes(2) });
        using var metrics = new MetricsRecorder(router.Host.Metrics.Meter);

        for (var i = 0; i < 20; i++)
        {
            using var response = await router.InferAsync(TestRouter.IrisRequest);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // One mirrored request in flight and two queued; up to one more if the worker had not yet taken the first.
        metrics.Sum("modelship_shadow_dropped_total", ("model", "iris"), ("version", "s")).Should().BeInRange(17, 18);
    }

    [Fact]
    public async Task Agreement_and_difference_metrics_for_an_agreeing_and_a_disagreeing_Fake_shadow()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion", labels: [1, 2, 3, 4], scores: [0.5, 0.25]);
        await using var agreeing = await FakeV2Backend.StartAsync("agreeing", labels: [1, 2, 3, 4], scores: [0.5, 0.25]);
        await using var disagreeing = await FakeV2Backend.StartAsync("disagreeing", labels: [1, 2, 0, 0], scores: [0.75, 0.25]);
        await using var router = await TestRouter.StartAsync(TestRouter.Table(
            1,
            TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString()),
            TestRouter.BackendFor("agree", BackendRole.Shadow, agreeing.Url.ToString()),
            TestRouter.BackendFor("disagree", BackendRole.Shadow, disagreeing.Url.ToString())));
        using var metrics = new MetricsRecorder(router.Host.Metrics.Meter);

        for (var i = 0; i < 10; i++)
        {
            (await router.InferAsync(TestRouter.IrisRequest)).Dispose();
        }
        await Eventually.WaitUntilAsync(() =>
            metrics.Count("modelship_shadow_abs_difference", ("version", "agree")) == 10
            && metrics.Count("modelship_shadow_abs_difference", ("version", "disagree")) == 10);

        metrics.Sum("modelship_shadow_comparisons_total", ("version", "agree")).Should().Be(40);
        metrics.Sum("modelship_shadow_agreements_total", ("version", "agree")).Should().Be(40);
        metrics.Sum("modelship_shadow_comparisons_total", ("version", "disagree")).Should().Be(40);
        metrics.Sum("modelship_shadow_agreements_total", ("version", "disagree")).Should().Be(20);
        metrics.Gauge("modelship_shadow_agreement_ratio", ("model", "iris"), ("version", "agree")).Should().Be(1.0);
        metrics.Gauge("modelship_shadow_agreement_ratio", ("model", "iris"), ("version", "disagree")).Should().Be(0.5);
        metrics.Sum("modelship_shadow_abs_difference", ("version", "agree")).Should().Be(0);
        (metrics.Sum("modelship_shadow_abs_difference", ("version", "disagree")) / 10).Should().BeApproximately(0.125, 1e-9);
        metrics.Count("modelship_shadow_request_duration_seconds", ("version", "disagree")).Should().Be(10);
        metrics.Sum("modelship_shadow_errors_total").Should().Be(0);
    }

    [Fact]
    public async Task Version_pinned_requests_are_not_mirrored()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        await using var shadow = await FakeV2Backend.StartAsync("shadow");
        await using var router = await TestRouter.StartAsync(TestRouter.Table(
            1,
            TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString()),
            TestRouter.BackendFor("s", BackendRole.Shadow, shadow.Url.ToString())));

        (await router.InferAsync(TestRouter.IrisRequest, "v2/models/iris/versions/c/infer")).Dispose();
        (await router.InferAsync(TestRouter.IrisRequest)).Dispose();
        await Eventually.WaitUntilAsync(() => shadow.InferRequests >= 1);
        await Task.Delay(200);

        shadow.InferRequests.Should().Be(1);
        champion.InferRequests.Should().Be(2);
    }

    private static async Task<Batch> MeasureBatchAsync(TestRouter router)
    {
        var latencies = new List<TimeSpan>();
        var bodies = new List<string>();
        for (var i = 0; i < BatchSize; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await router.InferAsync(TestRouter.IrisRequest);
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            latencies.Add(watch.Elapsed);
            bodies.Add(body);
        }
        latencies.Sort();
        return new Batch(latencies[latencies.Count / 2], latencies[^1], bodies);
    }


    private sealed record Batch(TimeSpan P50, TimeSpan Max, List<string> Bodies);
}
