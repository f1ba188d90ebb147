using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.Comparison;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Telemetry;

namespace Modelship.Operator.Controllers.RefreshSchedule.Trial;

/// <summary>
/// Pure: the Traffic checks of one trial phase, candidate against champion on the requests of the same window.
/// errorRate and latencyP99 are judged in both phases (as a shadow the candidate's are those of its mirrored
/// requests), shadowAgreement only as a shadow (the champion's own agreement is 1). A candidate that saw fewer than
/// minRequests in the window fails every check: no verdict on too little traffic promotes it.
/// </summary>
public static class TrafficChecks
{
    /// <summary>Fewer compared class outputs than this cannot show agreement (a model with only floating outputs compares none).</summary>
    public const long MinimumComparedOutputs = CanaryThresholdAnalysis.MinimumComparedOutputs;

    /// <summary>The Traffic checks of <paramref name="promotion"/> that apply to <paramref name="phase"/>, in spec order.</summary>
    public static IEnumerable<RefreshMetricComparison> For(RefreshPromotion? promotion, RefreshTrialPhase phase) =>
        (promotion?.MetricCheck?.Checks ?? [])
            .Where(c => c.Source == RefreshMetricSource.Traffic)
            .Where(c => phase == RefreshTrialPhase.Shadow || c.Metric != RefreshTrafficMetric.ShadowAgreement);

    /// <param name="phase">The phase the window was measured in; it names the results.</param>
    /// <param name="champion">The champion's counters over the window.</param>
    /// <param name="candidate">The candidate's counters over the window.</param>
    /// <param name="checks">The checks that apply (<see cref="For"/>).</param>
    /// <param name="minRequests">spec.promotion.minRequests.</param>
    public static IReadOnlyList<RefreshCheckResult> Judge(
        RefreshTrialPhase phase,
        RefreshTrafficCounters champion,
        RefreshTrafficCounters candidate,
        IEnumerable<RefreshMetricComparison> checks,
        int minRequests)
    {
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(checks);
        return [.. checks.Select(check => Judge(phase, champion, candidate, check, minRequests))];
    }

    /// <summary>The name a phase's result carries, such as <c>errorRate (shadow)</c>.</summary>
    public static string ResultName(string metric, RefreshTrialPhase phase) =>
        $"{metric} ({(phase == RefreshTrialPhase.Shadow ? "shadow" : "canary")})";

    private static RefreshCheckResult Judge(RefreshTrialPhase phase, RefreshTrafficCounters champion, RefreshTrafficCounters candidate, RefreshMetricComparison check, int minRequests)
    {
        var name = ResultName(check.Metric, phase);
        if (candidate.Requests < minRequests)
        {
            return Failed(name, $"{name}: the candidate saw {candidate.Requests} requests in the window, fewer than minRequests {minRequests}: no verdict on so little traffic");
        }
        var relative = check.Relative ?? RefreshScheduleDefaults.RelativeRegression;
        switch (check.Metric)
        {
            case RefreshTrafficMetric.ErrorRate:
                return MetricRegression.Compare(name, Rate(champion.Errors, champion.Requests), Rate(candidate.Errors, candidate.Requests), check.MaxRegression, relative, lowerIsBetter: true);
            case RefreshTrafficMetric.LatencyP99:
                var championP99 = HistogramQuantile.Of(CanaryThresholdAnalysis.LatencyQuantile, TrafficCounters.Histogram(champion));
                var candidateP99 = HistogramQuantile.Of(CanaryThresholdAnalysis.LatencyQuantile, TrafficCounters.Histogram(candidate));
                if (!double.IsFinite(championP99) || !double.IsFinite(candidateP99))
                {
                    return Failed(name, $"{name}: the routers report no request durations for {(double.IsFinite(championP99) ? "the candidate" : "the champion")} in the window");
                }
                return MetricRegression.Compare(name, championP99, candidateP99, check.MaxRegression, relative, lowerIsBetter: true);
            case RefreshTrafficMetric.ShadowAgreement:
                if (candidate.ComparedOutputs < MinimumComparedOutputs)
                {
                    return Failed(name, $"{name}: {candidate.ComparedOutputs} class outputs compared in the window, fewer than {MinimumComparedOutputs} (does the model have class outputs?)");
                }
                return MetricRegression.Compare(name, 1, Rate(candidate.AgreedOutputs, candidate.ComparedOutputs), check.MaxRegression, relative, lowerIsBetter: false);
            default:
                return Failed(name, $"{name}: not a Traffic metric");
        }
    }

    private static double Rate(long part, long whole) => whole <= 0 ? 0 : (double)part / whole;

    private static RefreshCheckResult Failed(string name, string message) => new()
    {
        Name = name,
        Verdict = RefreshCheckVerdict.Failed,
        Message = message,
    };
}
