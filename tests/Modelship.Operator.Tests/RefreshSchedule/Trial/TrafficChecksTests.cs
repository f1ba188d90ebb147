using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.RefreshSchedule.Trial;

namespace Modelship.Operator.Tests.RefreshSchedule.Trial;

/// <summary>Candidate against champion on the same window's requests.</summary>
public sealed class TrafficChecksTests
{
    private static RefreshMetricComparison Check(string metric, double maxRegression, bool relative = false) =>
        new() { Metric = metric, MaxRegression = maxRegression, Relative = relative, Source = RefreshMetricSource.Traffic };

    private static RefreshTrafficCounters Counters(long requests, long errors = 0, double fastShare = 1, long compared = 0, long agreed = 0) => new()
    {
        Requests = requests,
        Errors = errors,
        ComparedOutputs = compared,
        AgreedOutputs = agreed,
        LatencyBuckets =
        [
            new RefreshLatencyBucket { Le = "0.01", Count = Math.Round(requests * fastShare) },
            new RefreshLatencyBucket { Le = "0.1", Count = requests },
            new RefreshLatencyBucket { Le = "+Inf", Count = requests },
        ],
    };

    [Fact]
    public void Error_rate_within_the_allowed_regression_passes_and_above_it_fails()
    {
        var champion = Counters(1000, errors: 10);
        var results = TrafficChecks.Judge(RefreshTrialPhase.Canary, champion, Counters(200, errors: 3), [Check(RefreshTrafficMetric.ErrorRate, 0.01)], 100);
        results.Should().ContainSingle().Which.Should().BeEquivalentTo(new RefreshCheckResult
        {
            Name = "errorRate (canary)",
            Champion = 0.01,
            Candidate = 0.015,
            Verdict = RefreshCheckVerdict.Passed,
            Message = "errorRate (canary): 0.015 vs champion 0.01, regression 0.005 within the allowed 0.01",
        });

        TrafficChecks.Judge(RefreshTrialPhase.Canary, champion, Counters(200, errors: 8), [Check(RefreshTrafficMetric.ErrorRate, 0.01)], 100)
            .Single().Should().Match<RefreshCheckResult>(r => r.Verdict == RefreshCheckVerdict.Failed && r.Candidate == 0.04);
    }

    [Fact]
    public void P99_latency_is_compared_relative_to_the_champions()
    {
        // Champion: every request under 10 ms -> p99 9.9 ms. Candidate: 90% under 10 ms -> p99 in (0.01, 0.1].
        var results = TrafficChecks.Judge(RefreshTrialPhase.Shadow, Counters(1000), Counters(1000, fastShare: 0.9), [Check(RefreshTrafficMetric.LatencyP99, 0.5, relative: true)], 100);
        var result = results.Single();
        result.Name.Should().Be("latencyP99 (shadow)");
        result.Verdict.Should().Be(RefreshCheckVerdict.Failed);
        result.Champion.Should().BeApproximately(0.0099, 1e-9);
        result.Candidate.Should().BeApproximately(0.091, 1e-9);
        result.Message.Should().Contain("exceeds the allowed 50% of the champion's");

        TrafficChecks.Judge(RefreshTrialPhase.Shadow, Counters(1000), Counters(1000), [Check(RefreshTrafficMetric.LatencyP99, 0.5, relative: true)], 100)
            .Single().Verdict.Should().Be(RefreshCheckVerdict.Passed);
    }

    [Fact]
    public void Shadow_agreement_is_the_candidates_against_the_champions_own_of_one()
    {
        var results = TrafficChecks.Judge(RefreshTrialPhase.Shadow, Counters(500), Counters(500, compared: 500, agreed: 480), [Check(RefreshTrafficMetric.ShadowAgreement, 0.05)], 100);
        results.Single().Should().Match<RefreshCheckResult>(r => r.Verdict == RefreshCheckVerdict.Passed && r.Champion == 1 && r.Candidate == 0.96);

        TrafficChecks.Judge(RefreshTrialPhase.Shadow, Counters(500), Counters(500, compared: 500, agreed: 450), [Check(RefreshTrafficMetric.ShadowAgreement, 0.05)], 100)
            .Single().Verdict.Should().Be(RefreshCheckVerdict.Failed);
    }

    [Fact]
    public void Too_little_traffic_fails_every_check_with_the_reason()
    {
        var result = TrafficChecks.Judge(RefreshTrialPhase.Canary, Counters(1000), Counters(40), [Check(RefreshTrafficMetric.ErrorRate, 1)], 100).Single();
        result.Verdict.Should().Be(RefreshCheckVerdict.Failed);
        result.Message.Should().Be("errorRate (canary): the candidate saw 40 requests in the window, fewer than minRequests 100: no verdict on so little traffic");
    }

    [Fact]
    public void Agreement_without_compared_outputs_and_latency_without_durations_fail()
    {
        TrafficChecks.Judge(RefreshTrialPhase.Shadow, Counters(500), Counters(500), [Check(RefreshTrafficMetric.ShadowAgreement, 0.5)], 100)
            .Single().Message.Should().Contain("0 class outputs compared in the window");
        TrafficChecks.Judge(RefreshTrialPhase.Canary, Counters(500), new RefreshTrafficCounters { Requests = 500 }, [Check(RefreshTrafficMetric.LatencyP99, 1)], 100)
            .Single().Message.Should().Be("latencyP99 (canary): the routers report no request durations for the candidate in the window");
    }

    [Fact]
    public void Agreement_is_judged_only_as_a_shadow_and_registry_checks_not_at_all()
    {
        var promotion = new RefreshPromotion
        {
            MetricCheck = new RefreshMetricCheck
            {
                Checks = [Check(RefreshTrafficMetric.ShadowAgreement, 0.1), Check(RefreshTrafficMetric.ErrorRate, 0.1), new RefreshMetricComparison { Metric = "accuracy", MaxRegression = 0 }],
            },
        };
        TrafficChecks.For(promotion, RefreshTrialPhase.Shadow).Select(c => c.Metric).Should().Equal(RefreshTrafficMetric.ShadowAgreement, RefreshTrafficMetric.ErrorRate);
        TrafficChecks.For(promotion, RefreshTrialPhase.Canary).Select(c => c.Metric).Should().Equal(RefreshTrafficMetric.ErrorRate);
    }
}
