using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout;

public sealed class CanaryThresholdAnalysisTests
{
    // 100 answers, 2 of them 5xx; 97 took <= 25ms and 3 took (0.5s, 1s]: p99 = 0.5 + 0.5 * 2/3 s.
    private static readonly CanaryAnalysisMetrics Weighted = new()
    {
        AnsweredRequests = 100,
        ServerErrors = 2,
        LatencyBuckets = [new(0.025, 97), new(0.5, 97), new(1, 100), new(double.PositiveInfinity, 100)],
    };

    private static CanaryAnalysisMetrics Mirrored(long compared, long agreed, long mirrored) =>
        new() { ComparedOutputs = compared, AgreedOutputs = agreed, MirroredRequests = mirrored };

    [Fact]
    public void Error_rate_above_the_threshold_fails_naming_it() =>
        CanaryThresholdAnalysis.ErrorRate(Weighted, 0.01).Should().Be(AnalysisVerdict.Failing("error rate 0.02 above maxErrorRate 0.01 (2/100 requests failed)"));

    [Fact]
    public void Error_rate_at_the_threshold_passes() =>
        CanaryThresholdAnalysis.ErrorRate(Weighted, 0.02).Should().Be(AnalysisVerdict.Passing("error rate 0.02 (2/100 requests failed)"));

    [Fact]
    public void Error_rate_needs_enough_requests() =>
        CanaryThresholdAnalysis.ErrorRate(Weighted with { AnsweredRequests = 19, ServerErrors = 19 }, 0.01)
            .Should().Be(AnalysisVerdict.Inconclusive("19 canary requests so far, waiting for 20"));

    [Fact]
    public void Latency_p99_above_the_threshold_fails_naming_it() =>
        CanaryThresholdAnalysis.LatencyP99(Weighted, "800ms").Should().Be(AnalysisVerdict.Failing("p99 latency 833.33ms above maxLatencyP99 800ms"));

    [Theory]
    [InlineData("850ms")]
    [InlineData("1s")]
    public void Latency_p99_below_the_threshold_passes(string max) =>
        CanaryThresholdAnalysis.LatencyP99(Weighted, max).Should().Be(AnalysisVerdict.Passing("p99 latency 833.33ms"));

    [Fact]
    public void Latency_p99_in_the_plus_inf_bucket_is_the_last_finite_bound() =>
        CanaryThresholdAnalysis.LatencyP99(Weighted with { LatencyBuckets = [new(0.5, 0), new(30, 0), new(double.PositiveInfinity, 100)] }, "29s")
            .Should().Be(AnalysisVerdict.Failing("p99 latency 30000ms above maxLatencyP99 29s"));

    [Fact]
    public void Latency_without_durations_is_inconclusive() =>
        CanaryThresholdAnalysis.LatencyP99(Weighted with { LatencyBuckets = [] }, "1s").Outcome.Should().Be(AnalysisOutcome.Inconclusive);

    [Fact]
    public void A_latency_threshold_that_is_not_a_duration_fails() =>
        CanaryThresholdAnalysis.LatencyP99(Weighted, "fast").Should().Be(AnalysisVerdict.Failing("maxLatencyP99 'fast' is not a duration such as 250ms or 1s"));

    [Theory]
    [InlineData(0.9, AnalysisOutcome.Passing)] // 0.95 >= 0.9
    [InlineData(0.95, AnalysisOutcome.Passing)] // at the threshold
    [InlineData(0.96, AnalysisOutcome.Failing)]
    public void Shadow_agreement_is_judged_against_the_threshold(double min, AnalysisOutcome expected) =>
        CanaryThresholdAnalysis.ShadowAgreement(Mirrored(compared: 200, agreed: 190, mirrored: 200), min).Outcome.Should().Be(expected);

    [Fact]
    public void Shadow_agreement_below_the_threshold_names_it_and_the_measure() =>
        CanaryThresholdAnalysis.ShadowAgreement(Mirrored(compared: 200, agreed: 190, mirrored: 100), 0.96)
            .Should().Be(AnalysisVerdict.Failing("shadow agreement 0.95 below minShadowAgreement 0.96 (190/200 outputs agreed over 100 mirrored requests)"));

    [Fact]
    public void Shadow_agreement_needs_enough_comparisons() =>
        CanaryThresholdAnalysis.ShadowAgreement(Mirrored(compared: 19, agreed: 0, mirrored: 19), 0.9)
            .Should().Be(AnalysisVerdict.Inconclusive("19 shadow outputs compared over 19 mirrored requests so far, waiting for 20"));

    [Fact]
    public void Mirrored_requests_that_never_compare_fail_instead_of_waiting_for_ever()
    {
        var failing = Mirrored(compared: 0, agreed: 0, mirrored: 25) with { ShadowFailures = new Dictionary<string, long> { ["status"] = 20, ["timeout"] = 5 } };
        CanaryThresholdAnalysis.ShadowAgreement(failing, 0.9).Should().Be(AnalysisVerdict.Failing(
            "minShadowAgreement cannot be measured: none of 25 mirrored requests produced a comparison of class outputs (shadow failures: status 20, timeout 5); agreement is measured on integer, string and bool outputs"));
        CanaryThresholdAnalysis.ShadowAgreement(Mirrored(compared: 0, agreed: 0, mirrored: 19), 0.9).Outcome.Should().Be(AnalysisOutcome.Inconclusive);
    }

    [Fact]
    public void A_weighted_step_passes_with_every_measured_value() =>
        CanaryThresholdAnalysis.Judge(Weighted, CanaryAnalysisPhase.Weighted, new RolloutAnalysis { MaxErrorRate = 0.05, MaxLatencyP99 = "1s" })
            .Should().Be(AnalysisVerdict.Passing("error rate 0.02 (2/100 requests failed), p99 latency 833.33ms"));

    [Fact]
    public void A_weighted_step_reports_every_crossed_threshold() =>
        CanaryThresholdAnalysis.Judge(Weighted, CanaryAnalysisPhase.Weighted, new RolloutAnalysis { MaxErrorRate = 0.01, MaxLatencyP99 = "250ms" })
            .Should().Be(AnalysisVerdict.Failing("error rate 0.02 above maxErrorRate 0.01 (2/100 requests failed); p99 latency 833.33ms above maxLatencyP99 250ms"));

    [Fact]
    public void A_failing_check_wins_over_a_passing_one() =>
        CanaryThresholdAnalysis.Judge(Weighted, CanaryAnalysisPhase.Weighted, new RolloutAnalysis { MaxErrorRate = 0.5, MaxLatencyP99 = "100ms" })
            .Should().Be(AnalysisVerdict.Failing("p99 latency 833.33ms above maxLatencyP99 100ms"));

    [Fact]
    public void A_weighted_step_with_too_few_requests_is_inconclusive_once() =>
        CanaryThresholdAnalysis.Judge(Weighted with { AnsweredRequests = 5 }, CanaryAnalysisPhase.Weighted, new RolloutAnalysis { MaxErrorRate = 0.01, MaxLatencyP99 = "1s" })
            .Should().Be(AnalysisVerdict.Inconclusive("5 canary requests so far, waiting for 20"));

    [Fact]
    public void A_weighted_step_does_not_judge_shadow_agreement() =>
        // The version no longer runs as a shadow: its agreement was judged in the mirror phase.
        CanaryThresholdAnalysis.Judge(Weighted, CanaryAnalysisPhase.Weighted, new RolloutAnalysis { MinShadowAgreement = 0.99 }).Outcome.Should().Be(AnalysisOutcome.Passing);

    [Fact]
    public void The_mirror_phase_judges_agreement_only() =>
        // No answered requests yet (it only shadows), so error rate and latency wait for the weighted steps.
        CanaryThresholdAnalysis.Judge(Mirrored(compared: 100, agreed: 99, mirrored: 100), CanaryAnalysisPhase.Mirror,
                new RolloutAnalysis { MaxErrorRate = 0.01, MaxLatencyP99 = "10ms", MinShadowAgreement = 0.98 })
            .Should().Be(AnalysisVerdict.Passing("shadow agreement 0.99 (99/100 outputs agreed over 100 mirrored requests)"));

    [Fact]
    public void Combine_prefers_failures_then_waits_then_passes()
    {
        AnalysisVerdict[] mixed = [AnalysisVerdict.Passing("a"), AnalysisVerdict.Inconclusive("b"), AnalysisVerdict.Failing("c"), AnalysisVerdict.Failing("d")];
        CanaryThresholdAnalysis.Combine(mixed).Should().Be(AnalysisVerdict.Failing("c; d"));
        CanaryThresholdAnalysis.Combine(mixed[..2]).Should().Be(AnalysisVerdict.Inconclusive("b"));
        CanaryThresholdAnalysis.Combine(mixed[..1]).Should().Be(AnalysisVerdict.Passing("a"));
    }
}
