using System.Diagnostics;
using System.Net;
using System.Text;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Operator.Tests.ModelDeployment.Builders;
using Modelship.Serving.Routing;
using Modelship.Telemetry;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout;

public sealed class RouterMetricsAnalysisTests
{
    private const string RouterA = """
        # TYPE modelship_requests_total counter
        modelship_requests_total{model="iris",version="v1",role="champion",code="200"} 900
        modelship_requests_total{model="iris",version="v2",role="challenger",code="200"} 49
        modelship_requests_total{model="iris",version="v2",role="challenger",code="503"} 1
        # TYPE modelship_request_duration_seconds histogram
        modelship_request_duration_seconds_bucket{model="iris",version="v1",role="champion",le="0.01"} 0
        modelship_request_duration_seconds_bucket{model="iris",version="v1",role="champion",le="+Inf"} 900
        modelship_request_duration_seconds_bucket{model="iris",version="v2",role="challenger",le="0.01"} 50
        modelship_request_duration_seconds_bucket{model="iris",version="v2",role="challenger",le="0.1"} 50
        modelship_request_duration_seconds_bucket{model="iris",version="v2",role="challenger",le="+Inf"} 50
        """;

    private const string RouterB = """
        modelship_requests_total{model="iris",version="v2",role="challenger",code="200"} 40
        modelship_requests_total{model="iris",version="v2",role="challenger",code="500"} 10
        modelship_request_duration_seconds_bucket{model="iris",version="v2",role="challenger",le="0.01"} 0
        modelship_request_duration_seconds_bucket{model="iris",version="v2",role="challenger",le="0.1"} 50
        modelship_request_duration_seconds_bucket{model="iris",version="v2",role="challenger",le="+Inf"} 50
        """;

    [Fact]
    public void Routers_are_summed_before_judging()
    {
        // 11 of 100 failed; p99 rank 99 of 100 lies in (0.01, 0.1] holding 50: 0.01 + 0.09 * 49/50.
        CanaryThresholdAnalysis.Judge(CanaryAnalysisMetrics.Sum([RouterA, RouterB], "v2"), CanaryAnalysisPhase.Weighted, new RolloutAnalysis { MaxErrorRate = 0.2 })
            .Should().Be(AnalysisVerdict.Passing("error rate 0.11 (11/100 requests failed), p99 latency 98.2ms"));
        CanaryThresholdAnalysis.Judge(CanaryAnalysisMetrics.Sum([RouterA], "v2"), CanaryAnalysisPhase.Weighted, new RolloutAnalysis { MaxErrorRate = 0.05, MaxLatencyP99 = "50ms" })
            .Should().Be(AnalysisVerdict.Passing("error rate 0.02 (1/50 requests failed), p99 latency 9.9ms"));
    }

    [Fact]
    public void Another_version_series_do_not_count() =>
        CanaryThresholdAnalysis.Judge(CanaryAnalysisMetrics.Sum([RouterA], "v3"), CanaryAnalysisPhase.Weighted, new RolloutAnalysis { MaxErrorRate = 0.05 })
            .Should().Be(AnalysisVerdict.Inconclusive("0 canary requests so far, waiting for 20"));

    /// <summary>The router's own instruments through the exporter the router serves /metrics with, so names cannot drift.</summary>
    [Fact]
    public void Judges_the_exposition_the_router_really_writes()
    {
        using var collector = PrometheusCollector.ForMeters(RouterMetrics.MeterName);
        using var metrics = new RouterMetrics(() => ("iris", 7));
        for (var i = 0; i < 100; i++)
        {
            metrics.RequestCompleted("iris", "v1", "champion", 200, Stopwatch.GetTimestamp());
            // 97 answers of ~20ms, 3 of ~700ms (bucket (0.5, 1]); 2 answers are 503s.
            metrics.RequestCompleted("iris", "v2", "challenger", i < 2 ? 503 : 200, StartedAgo(i < 97 ? 0.02 : 0.7));
        }
        for (var i = 0; i < 25; i++)
        {
            metrics.ShadowAnswered("iris", "v3", TimeSpan.FromMilliseconds(5));
            metrics.ShadowCompared("iris", "v3", new ShadowComparison(ClassElements: 1, ClassAgreements: i < 23 ? 1 : 0, FloatElements: 0, AbsDifferenceSum: 0, Mismatch: null));
        }
        metrics.ShadowFailed("iris", "v3", "timeout");
        var exposition = collector.Scrape();

        CanaryThresholdAnalysis.Judge(CanaryAnalysisMetrics.Sum([exposition], "v2"), CanaryAnalysisPhase.Weighted, new RolloutAnalysis { MaxErrorRate = 0.05, MaxLatencyP99 = "500ms" })
            .Should().Be(AnalysisVerdict.Failing("p99 latency 833.33ms above maxLatencyP99 500ms"));
        CanaryThresholdAnalysis.Judge(CanaryAnalysisMetrics.Sum([exposition], "v2"), CanaryAnalysisPhase.Weighted, new RolloutAnalysis { MaxErrorRate = 0.01, MaxLatencyP99 = "1s" })
            .Should().Be(AnalysisVerdict.Failing("error rate 0.02 above maxErrorRate 0.01 (2/100 requests failed)"));
        CanaryThresholdAnalysis.Judge(CanaryAnalysisMetrics.Sum([exposition], "v3"), CanaryAnalysisPhase.Mirror, new RolloutAnalysis { MinShadowAgreement = 0.95 })
            .Should().Be(AnalysisVerdict.Failing("shadow agreement 0.92 below minShadowAgreement 0.95 (23/25 outputs agreed over 26 mirrored requests)"));
        CanaryThresholdAnalysis.Judge(CanaryAnalysisMetrics.Sum([exposition], "v3"), CanaryAnalysisPhase.Mirror, new RolloutAnalysis { MinShadowAgreement = 0.9 })
            .Outcome.Should().Be(AnalysisOutcome.Passing);
    }

    [Fact]
    public async Task Scrapes_every_router_pod_and_sums()
    {
        using var http = new HttpClient(new StubRouters(new Dictionary<string, string>
        {
            ["http://10.0.0.1:8080/metrics"] = RouterA,
            ["http://10.0.0.2:8080/metrics"] = RouterB,
        }));
        var target = new CanaryAnalysisTarget("v2", CanaryAnalysisPhase.Weighted, [new("http://10.0.0.1:8080/metrics"), new("http://10.0.0.2:8080/metrics")]) { ChampionVersion = "v1" };
        var analysis = new RouterMetricsAnalysis(http);
        var (reading, failure) = await analysis.ReadAsync(Samples.Fraud(), target, CancellationToken.None);
        failure.Should().BeNull();
        reading!.Champion.Requests.Should().Be(900);
        reading.Canary.Should().Match<RefreshTrafficCounters>(c => c.Requests == 100 && c.Errors == 11);

        // Judged from an empty window start, everything the routers counted is in the window.
        var none = new CanaryReading(new RefreshTrafficCounters(), new RefreshTrafficCounters(), new Dictionary<string, double>(), new Dictionary<string, double>());
        var verdict = await analysis.JudgeAsync(Samples.Fraud(), target, new RolloutAnalysis { MaxErrorRate = 0.1 }, none, TimeSpan.FromMinutes(1), CancellationToken.None);
        verdict.Should().Be(AnalysisVerdict.Failing("error rate 0.11 above maxErrorRate 0.1 (11/100 requests failed)"));
        // From the reading itself as the start, nothing happened in the window.
        (await analysis.JudgeAsync(Samples.Fraud(), target, new RolloutAnalysis { MaxErrorRate = 0.1 }, reading, TimeSpan.FromMinutes(1), CancellationToken.None))
            .Should().Be(AnalysisVerdict.Inconclusive("the new version answered 0 requests in the step's window, fewer than minRequests 100: not enough traffic to judge yet"));
    }

    [Fact]
    public async Task An_unreachable_router_makes_the_verdict_wait()
    {
        using var http = new HttpClient(new StubRouters(new Dictionary<string, string> { ["http://10.0.0.1:8080/metrics"] = RouterA }));
        var target = new CanaryAnalysisTarget("v2", CanaryAnalysisPhase.Weighted, [new("http://10.0.0.1:8080/metrics"), new("http://10.0.0.2:8080/metrics")]) { ChampionVersion = "v1" };
        var none = new CanaryReading(new RefreshTrafficCounters(), new RefreshTrafficCounters(), new Dictionary<string, double>(), new Dictionary<string, double>());
        var verdict = await new RouterMetricsAnalysis(http).JudgeAsync(Samples.Fraud(), target, new RolloutAnalysis { MaxErrorRate = 0.5 }, none, TimeSpan.FromMinutes(1), CancellationToken.None);
        verdict.Outcome.Should().Be(AnalysisOutcome.Inconclusive);
        verdict.Message.Should().Contain("http://10.0.0.2:8080/metrics");
    }

    private static long StartedAgo(double seconds) => Stopwatch.GetTimestamp() - (long)(seconds * Stopwatch.Frequency);

    private sealed class StubRouters(Dictionary<string, string> expositions) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            expositions.TryGetValue(request.RequestUri!.ToString(), out var text)
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(text, Encoding.UTF8, "text/plain") })
                : throw new HttpRequestException($"connection refused ({request.RequestUri})");
    }
}
