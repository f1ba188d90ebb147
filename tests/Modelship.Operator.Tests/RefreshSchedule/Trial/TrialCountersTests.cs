using System.Diagnostics;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.Comparison;
using Modelship.Operator.Controllers.RefreshSchedule.Trial;
using Modelship.Serving.Routing;
using Modelship.Telemetry;

namespace Modelship.Operator.Tests.RefreshSchedule.Trial;

/// <summary>The champion's and the candidate's counters read from the routers, and a window's numbers from two reads.</summary>
public sealed class TrialCountersTests
{
    private static readonly RefreshTrial ShadowTrial = new()
    {
        StartedAt = DateTimeOffset.UnixEpoch,
        Version = "1.1.0",
        Uri = "file:///models/1.1.0.onnx",
        ChampionVersion = "1.0.0",
        Phase = RefreshTrialPhase.Shadow,
        PhaseStartedAt = DateTimeOffset.UnixEpoch,
    };

    private const string RouterA = """
        modelship_requests_total{model="iris",version="1.0.0",role="champion",code="200"} 90
        modelship_requests_total{model="iris",version="1.0.0",role="champion",code="503"} 10
        modelship_request_duration_seconds_bucket{model="iris",version="1.0.0",role="champion",le="0.01"} 80
        modelship_request_duration_seconds_bucket{model="iris",version="1.0.0",role="champion",le="+Inf"} 100
        modelship_shadow_request_duration_seconds_bucket{model="iris",version="1.1.0",le="0.01"} 90
        modelship_shadow_request_duration_seconds_bucket{model="iris",version="1.1.0",le="+Inf"} 95
        modelship_shadow_request_duration_seconds_count{model="iris",version="1.1.0"} 95
        modelship_shadow_errors_total{model="iris",version="1.1.0",reason="timeout"} 3
        modelship_shadow_errors_total{model="iris",version="1.1.0",reason="mismatch"} 2
        modelship_shadow_comparisons_total{model="iris",version="1.1.0"} 90
        modelship_shadow_agreements_total{model="iris",version="1.1.0"} 81
        """;

    private const string RouterB = """
        modelship_requests_total{model="iris",version="1.0.0",role="champion",code="200"} 100
        modelship_request_duration_seconds_bucket{model="iris",version="1.0.0",role="champion",le="0.01"} 100
        modelship_request_duration_seconds_bucket{model="iris",version="1.0.0",role="champion",le="+Inf"} 100
        modelship_shadow_request_duration_seconds_count{model="iris",version="1.1.0"} 100
        modelship_shadow_request_duration_seconds_bucket{model="iris",version="1.1.0",le="0.01"} 100
        modelship_shadow_request_duration_seconds_bucket{model="iris",version="1.1.0",le="+Inf"} 100
        modelship_shadow_errors_total{model="iris",version="1.1.0",reason="status"} 1
        """;

    [Fact]
    public void Routers_are_summed_the_champion_on_its_answers_and_a_shadow_candidate_on_its_mirrored_requests()
    {
        var counters = TrialRouterMetrics.Count([RouterA, RouterB], ShadowTrial);

        counters.Champion.Should().BeEquivalentTo(new RefreshTrafficCounters
        {
            Requests = 200,
            Errors = 10,
            LatencyBuckets = [new RefreshLatencyBucket { Le = "0.01", Count = 180 }, new RefreshLatencyBucket { Le = "+Inf", Count = 200 }],
        });
        // Mirrored: 195 answered + 3 timed out; failed: timeout and status (a mismatch is an answer that was not comparable).
        counters.Candidate.Should().BeEquivalentTo(new RefreshTrafficCounters
        {
            Requests = 198,
            Errors = 4,
            ComparedOutputs = 90,
            AgreedOutputs = 81,
            LatencyBuckets = [new RefreshLatencyBucket { Le = "0.01", Count = 190 }, new RefreshLatencyBucket { Le = "+Inf", Count = 195 }],
        });
    }

    [Fact]
    public void A_canary_candidate_is_counted_on_the_requests_it_answered() =>
        TrialRouterMetrics.Count([RouterA], ShadowTrial with { Phase = RefreshTrialPhase.Canary, Version = "1.0.0", ChampionVersion = "0.9.0" })
            .Candidate.Should().Match<RefreshTrafficCounters>(c => c.Requests == 100 && c.Errors == 10 && c.ComparedOutputs == 0);

    [Fact]
    public void A_window_is_the_counters_now_minus_those_when_the_candidate_was_first_served()
    {
        var baseline = new RefreshTrafficCounters
        {
            Requests = 50,
            Errors = 5,
            LatencyBuckets = [new RefreshLatencyBucket { Le = "0.01", Count = 40 }, new RefreshLatencyBucket { Le = "+Inf", Count = 50 }],
        };
        var now = new RefreshTrafficCounters
        {
            Requests = 150,
            Errors = 6,
            LatencyBuckets = [new RefreshLatencyBucket { Le = "0.01", Count = 130 }, new RefreshLatencyBucket { Le = "+Inf", Count = 150 }],
        };

        TrafficCounters.Since(now, baseline).Should().BeEquivalentTo(new RefreshTrafficCounters
        {
            Requests = 100,
            Errors = 1,
            LatencyBuckets = [new RefreshLatencyBucket { Le = "0.01", Count = 90 }, new RefreshLatencyBucket { Le = "+Inf", Count = 100 }],
        });
    }

    [Fact]
    public void A_router_that_restarted_counts_from_zero_so_its_counters_are_taken_whole()
    {
        var baseline = new RefreshTrafficCounters { Requests = 500, Errors = 1 };
        var now = new RefreshTrafficCounters { Requests = 120, Errors = 2 };
        TrafficCounters.Since(now, baseline).Should().BeSameAs(now);
        TrafficCounters.Since(now, null).Should().BeSameAs(now);
    }

    /// <summary>The router's own instruments through the exporter it serves /metrics with, so names cannot drift.</summary>
    [Fact]
    public void Reads_the_exposition_the_router_really_writes()
    {
        using var collector = PrometheusCollector.ForMeters(RouterMetrics.MeterName);
        using var metrics = new RouterMetrics(() => ("iris", 7));
        for (var i = 0; i < 40; i++)
        {
            metrics.RequestCompleted("iris", "1.0.0", "champion", i == 0 ? 500 : 200, Stopwatch.GetTimestamp());
            metrics.ShadowAnswered("iris", "1.1.0", TimeSpan.FromMilliseconds(4));
            metrics.ShadowCompared("iris", "1.1.0", new ShadowComparison(ClassElements: 1, ClassAgreements: i < 38 ? 1 : 0, FloatElements: 0, AbsDifferenceSum: 0, Mismatch: null));
        }
        metrics.ShadowFailed("iris", "1.1.0", "unreachable");

        var counters = TrialRouterMetrics.Count([collector.Scrape()], ShadowTrial);

        counters.Champion.Should().Match<RefreshTrafficCounters>(c => c.Requests == 40 && c.Errors == 1 && c.LatencyBuckets!.Count > 2);
        counters.Candidate.Should().Match<RefreshTrafficCounters>(c => c.Requests == 41 && c.Errors == 1 && c.ComparedOutputs == 40 && c.AgreedOutputs == 38);
        counters.Candidate.LatencyBuckets.Should().Contain(b => b.Le == "+Inf" && b.Count == 40);
    }
}
