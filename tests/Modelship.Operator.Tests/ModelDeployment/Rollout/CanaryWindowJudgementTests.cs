using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout;

public sealed class CanaryWindowJudgementTests
{
    private static readonly Dictionary<string, double> NoAccuracy = [];

    /// <summary>Requests and 5xx of the champion and the canary, all under 10ms.</summary>
    private static CanaryReading Reading(long championRequests, long championErrors, long canaryRequests, long canaryErrors,
        Dictionary<string, double>? championAccuracy = null, Dictionary<string, double>? canaryAccuracy = null) => new(
        Counters(championRequests, championErrors, fastUpTo: championRequests),
        Counters(canaryRequests, canaryErrors, fastUpTo: canaryRequests),
        championAccuracy ?? NoAccuracy,
        canaryAccuracy ?? NoAccuracy);

    private static RefreshTrafficCounters Counters(long requests, long errors, long fastUpTo) => new()
    {
        Requests = requests,
        Errors = errors,
        LatencyBuckets = [new() { Le = "0.01", Count = fastUpTo }, new() { Le = "0.1", Count = requests }, new() { Le = "+Inf", Count = requests }],
    };

    [Fact]
    public void Only_the_windows_requests_count_not_those_since_the_router_started()
    {
        // Before the window the canary failed 50 of 100; in the window it failed 1 of 200.
        var start = Reading(10_000, 10, 100, 50);
        var end = Reading(12_000, 12, 300, 51);
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, start, end, new RolloutAnalysis { MaxErrorRate = 0.01 })
            .Should().Be(AnalysisVerdict.Passing("error rate 0.005 (1/200 requests failed), p99 latency 9.9ms"));
    }

    [Fact]
    public void A_router_that_restarted_counts_from_zero()
    {
        // The counters went down: the router restarted, and everything it counted since is in the window.
        var start = Reading(10_000, 10, 5_000, 0);
        var end = Reading(1_000, 1, 150, 30);
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, start, end, new RolloutAnalysis { MaxErrorRate = 0.1 })
            .Should().Be(AnalysisVerdict.Failing("error rate 0.2 above maxErrorRate 0.1 (30/150 requests failed)"));
    }

    [Fact]
    public void Fewer_than_min_requests_in_the_window_is_inconclusive_and_says_so()
    {
        var start = Reading(0, 0, 1_000, 0);
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, start, Reading(500, 0, 1_099, 99), new RolloutAnalysis { MaxErrorRate = 0.01 })
            .Should().Be(AnalysisVerdict.Inconclusive("the new version answered 99 requests in the step's window, fewer than minRequests 100: not enough traffic to judge yet"));
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, start, Reading(500, 0, 1_010, 10), new RolloutAnalysis { MaxErrorRate = 0.01, MinRequests = 10 })
            .Outcome.Should().Be(AnalysisOutcome.Failing, "10 requests suffice with minRequests 10");
    }

    public static TheoryData<string, string, long, AnalysisOutcome> ErrorRateIncreases => new()
    {
        // Champion 10/1000 = 0.01 in every case.
        { "absolute within", "0.01", 4, AnalysisOutcome.Passing },        // 0.02: +0.01
        { "absolute over", "0.01", 5, AnalysisOutcome.Failing },          // 0.025: +0.015
        { "relative within", "50%", 3, AnalysisOutcome.Passing },         // 0.015: +50%
        { "relative over", "50%", 4, AnalysisOutcome.Failing },           // 0.02: +100%
        { "zero allows no increase", "0", 2, AnalysisOutcome.Passing },  // 0.01: equal
        { "zero, any increase fails", "0", 3, AnalysisOutcome.Failing },
    };

    [Theory]
    [MemberData(nameof(ErrorRateIncreases))]
    public void The_error_rate_is_compared_with_the_champions_over_the_same_window(string because, string allowed, long canaryErrors, AnalysisOutcome expected)
    {
        var start = Reading(5_000, 500, 0, 0);
        var end = Reading(6_000, 510, 200, canaryErrors);
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, start, end, new RolloutAnalysis { MaxErrorRateIncrease = allowed })
            .Outcome.Should().Be(expected, because);
    }

    [Fact]
    public void A_failed_comparison_names_both_rates_and_the_allowance()
    {
        var verdict = CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, Reading(0, 0, 0, 0), Reading(1_000, 10, 200, 10), new RolloutAnalysis { MaxErrorRateIncrease = "10%" });
        verdict.Should().Be(AnalysisVerdict.Failing("errorRate: 0.05 vs champion 0.01, regression 0.04 exceeds the allowed 10% of the champion's = 0.001 (maxErrorRateIncrease 10%)"));
    }

    [Fact]
    public void The_champion_needs_min_requests_in_the_window_to_be_compared_with()
    {
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, Reading(0, 0, 0, 0), Reading(50, 0, 200, 0), new RolloutAnalysis { MaxErrorRateIncrease = "0.01" })
            .Should().Be(AnalysisVerdict.Inconclusive("the champion answered 50 requests in the step's window, fewer than minRequests 100: nothing to compare with yet"));
    }

    [Fact]
    public void The_p99_latency_is_compared_absolute_or_relative()
    {
        // Champion all under 10ms (p99 9.9ms); the canary has 10% of its answers in (10ms, 100ms]: p99 at 91ms.
        var champion = Counters(1_000, 0, fastUpTo: 1_000);
        var canary = Counters(200, 0, fastUpTo: 180);
        var none = new CanaryReading(new RefreshTrafficCounters(), new RefreshTrafficCounters(), NoAccuracy, NoAccuracy);
        var end = new CanaryReading(champion, canary, NoAccuracy, NoAccuracy);
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, none, end, new RolloutAnalysis { MaxLatencyP99Increase = "100ms" }).Outcome.Should().Be(AnalysisOutcome.Passing);
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, none, end, new RolloutAnalysis { MaxLatencyP99Increase = "50ms" }).Outcome.Should().Be(AnalysisOutcome.Failing);
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, none, end, new RolloutAnalysis { MaxLatencyP99Increase = "700%" }).Outcome.Should().Be(AnalysisOutcome.Failing);
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, none, end, new RolloutAnalysis { MaxLatencyP99Increase = "1000%" }).Outcome.Should().Be(AnalysisOutcome.Passing);
    }

    [Fact]
    public void Accuracy_from_actuals_is_judged_when_the_routers_report_it_and_waited_for_otherwise()
    {
        var start = Reading(0, 0, 0, 0);
        var analysis = new RolloutAnalysis { MinAccuracy = 0.9, MaxAccuracyDecrease = "0.02" };
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, start, Reading(1_000, 0, 200, 0), analysis).Outcome
            .Should().Be(AnalysisOutcome.Inconclusive, "no actuals joined yet");
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, start, Reading(1_000, 0, 200, 0, new() { ["accuracy"] = 0.95 }, new() { ["accuracy"] = 0.94 }), analysis)
            .Should().Be(AnalysisVerdict.Passing("error rate 0 (0/200 requests failed), p99 latency 9.9ms, accuracy 0.94, accuracy: 0.94 vs champion 0.95, regression 0.01 within the allowed 0.02"));
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, start, Reading(1_000, 0, 200, 0, new() { ["accuracy"] = 0.95 }, new() { ["accuracy"] = 0.92 }), analysis)
            .Should().Be(AnalysisVerdict.Failing("accuracy: 0.92 vs champion 0.95, regression 0.03 exceeds the allowed 0.02 (maxAccuracyDecrease 0.02)"));
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, start, Reading(1_000, 0, 200, 0, new() { ["accuracy"] = 0.95 }, new() { ["accuracy"] = 0.85 }), analysis with { MaxAccuracyDecrease = null })
            .Should().Be(AnalysisVerdict.Failing("accuracy 0.85 below minAccuracy 0.9"));
    }

    [Fact]
    public void The_mirror_phase_judges_the_windows_shadow_agreement()
    {
        var start = new CanaryReading(new RefreshTrafficCounters(), new RefreshTrafficCounters { Requests = 1_000, ComparedOutputs = 1_000, AgreedOutputs = 500 }, NoAccuracy, NoAccuracy);
        var end = new CanaryReading(new RefreshTrafficCounters(), new RefreshTrafficCounters { Requests = 1_100, ComparedOutputs = 1_100, AgreedOutputs = 598 }, NoAccuracy, NoAccuracy);
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Mirror, start, end, new RolloutAnalysis { MinShadowAgreement = 0.95 })
            .Should().Be(AnalysisVerdict.Passing("shadow agreement 0.98 (98/100 outputs agreed over 100 mirrored requests)"));
    }

    [Fact]
    public void A_window_records_the_reading_and_belongs_to_one_step()
    {
        var reading = Reading(1_000, 1, 10, 0);
        var window = CanaryWindows.Start(reading, "v2", 7, 20, new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero));
        CanaryWindows.Baseline(window).Champion.Should().Be(reading.Champion);
        CanaryWindows.Baseline(window).Canary.Should().Be(reading.Canary);
        CanaryWindows.Current(window, "v2", 7).Should().Be(window);
        CanaryWindows.Current(window, "v2", 8).Should().BeNull("the next step's table");
        CanaryWindows.Current(window, "v3", 7).Should().BeNull("another rollout");
    }

    [Fact]
    public void Accuracy_is_read_per_version_and_metric_and_averaged_over_routers()
    {
        const string a = """
            modelship_model_accuracy{model="iris",version="v1",metric="accuracy"} 0.9
            modelship_model_accuracy{model="iris",version="v2",metric="accuracy"} 0.8
            modelship_model_accuracy{model="iris",version="v2",metric="logLoss"} 0.4
            """;
        const string b = """
            modelship_model_accuracy{model="iris",version="v2",metric="accuracy"} 0.7
            modelship_model_accuracy{model="iris",version="v2",metric="auc"} NaN
            """;
        var reading = CanaryReading.Count([a, b], "v1", "v2", CanaryAnalysisPhase.Weighted);
        reading.ChampionAccuracy.Should().Equal(new Dictionary<string, double> { ["accuracy"] = 0.9 });
        reading.CanaryAccuracy["accuracy"].Should().BeApproximately(0.75, 1e-12);
        reading.CanaryAccuracy.Should().ContainKey("logLoss").And.NotContainKey("auc");
    }

    [Fact]
    public void Without_request_durations_only_a_latency_threshold_waits_for_them()
    {
        var none = new CanaryReading(new RefreshTrafficCounters(), new RefreshTrafficCounters(), NoAccuracy, NoAccuracy);
        var end = new CanaryReading(new RefreshTrafficCounters { Requests = 1_000 }, new RefreshTrafficCounters { Requests = 200, Errors = 1 }, NoAccuracy, NoAccuracy);
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, none, end, new RolloutAnalysis { MaxErrorRate = 0.01 })
            .Should().Be(AnalysisVerdict.Passing("error rate 0.005 (1/200 requests failed)"));
        CanaryWindowJudgement.Judge(CanaryAnalysisPhase.Weighted, none, end, new RolloutAnalysis { MaxLatencyP99 = "1s" })
            .Outcome.Should().Be(AnalysisOutcome.Inconclusive);
    }
}
