using System.Globalization;
using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;
using Modelship.Operator.Controllers.Comparison;
using Modelship.Telemetry;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>
/// Pure: the verdict on one canary step from its window, the counters' increase between the window's start and its
/// end (<see cref="TrafficCounters.Since"/>: a router that restarted counts from zero). A weighted step needs
/// minRequests answered by the new version in the window, then judges its absolute thresholds (maxErrorRate,
/// maxLatencyP99), its comparisons with the champion over the same window (maxErrorRateIncrease,
/// maxLatencyP99Increase, through <see cref="MetricRegression"/>) and accuracy from actuals (minAccuracy,
/// maxAccuracyDecrease). The mirror phase judges the shadow agreement of the window.
/// </summary>
public static class CanaryWindowJudgement
{
    /// <param name="start">The reading recorded at the window's start (status.canaryWindow).</param>
    /// <param name="end">The reading at the window's end.</param>
    public static AnalysisVerdict Judge(CanaryAnalysisPhase phase, CanaryReading start, CanaryReading end, RolloutAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        ArgumentNullException.ThrowIfNull(analysis);
        var champion = TrafficCounters.Since(end.Champion, start.Champion);
        var canary = TrafficCounters.Since(end.Canary, start.Canary);
        if (phase == CanaryAnalysisPhase.Mirror)
        {
            return CanaryThresholdAnalysis.ShadowAgreement(
                new CanaryAnalysisMetrics { ComparedOutputs = canary.ComparedOutputs, AgreedOutputs = canary.AgreedOutputs, MirroredRequests = canary.Requests },
                analysis.MinShadowAgreement);
        }
        var minRequests = analysis.MinRequests ?? ModelDeploymentDefaults.AnalysisMinRequests;
        if (canary.Requests < minRequests)
        {
            return AnalysisVerdict.Inconclusive($"the new version answered {canary.Requests} requests in the step's window, fewer than minRequests {minRequests}: not enough traffic to judge yet");
        }
        var canaryMetrics = Answered(canary);
        return CanaryThresholdAnalysis.Combine(
        [
            CanaryThresholdAnalysis.ErrorRate(canaryMetrics, analysis.MaxErrorRate, minRequests),
            // Measured for the message whenever the routers report durations; waited for only when a threshold needs it.
            .. (analysis.MaxLatencyP99 is not null || canaryMetrics.LatencyBuckets.Count > 0
                ? [CanaryThresholdAnalysis.LatencyP99(canaryMetrics, analysis.MaxLatencyP99, minRequests)]
                : Array.Empty<AnalysisVerdict>()),
            .. Comparisons(champion, canary, analysis, minRequests),
            .. Accuracy(end, analysis),
        ]);
    }

    /// <summary>maxErrorRateIncrease and maxLatencyP99Increase: the new version against the champion over the same window.</summary>
    public static IEnumerable<AnalysisVerdict> Comparisons(RefreshTrafficCounters champion, RefreshTrafficCounters canary, RolloutAnalysis analysis, long minRequests)
    {
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(canary);
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.MaxErrorRateIncrease is null && analysis.MaxLatencyP99Increase is null)
        {
            yield break;
        }
        if (champion.Requests < minRequests)
        {
            yield return AnalysisVerdict.Inconclusive($"the champion answered {champion.Requests} requests in the step's window, fewer than minRequests {minRequests}: nothing to compare with yet");
            yield break;
        }
        if (analysis.MaxErrorRateIncrease is { } errorText)
        {
            yield return RegressionAllowance.TryParseAmount(errorText, out var allowed)
                ? Verdict(MetricRegression.Compare("errorRate", Rate(champion), Rate(canary), allowed.Amount, allowed.Relative, lowerIsBetter: true), "maxErrorRateIncrease", errorText)
                : AnalysisVerdict.Failing($"maxErrorRateIncrease '{errorText}' is neither an amount such as 0.01 nor a percentage such as 10%");
        }
        if (analysis.MaxLatencyP99Increase is { } latencyText)
        {
            if (!RegressionAllowance.TryParseDuration(latencyText, out var allowed))
            {
                yield return AnalysisVerdict.Failing($"maxLatencyP99Increase '{latencyText}' is neither a duration such as 50ms nor a percentage such as 10%");
                yield break;
            }
            var championP99 = HistogramQuantile.Of(CanaryThresholdAnalysis.LatencyQuantile, TrafficCounters.Histogram(champion));
            var canaryP99 = HistogramQuantile.Of(CanaryThresholdAnalysis.LatencyQuantile, TrafficCounters.Histogram(canary));
            yield return double.IsFinite(championP99) && double.IsFinite(canaryP99)
                ? Verdict(MetricRegression.Compare("latencyP99 (s)", championP99, canaryP99, allowed.Amount, allowed.Relative, lowerIsBetter: true), "maxLatencyP99Increase", latencyText)
                : AnalysisVerdict.Inconclusive($"no request durations of the {(double.IsFinite(championP99) ? "new version" : "champion")} in the routers' metrics for the step's window");
        }
    }

    /// <summary>minAccuracy and maxAccuracyDecrease from the routers' accuracy gauges; waiting while they report none.</summary>
    public static IEnumerable<AnalysisVerdict> Accuracy(CanaryReading end, RolloutAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(end);
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.MinAccuracy is null && analysis.MaxAccuracyDecrease is null)
        {
            yield break;
        }
        if (!end.CanaryAccuracy.TryGetValue(CanaryReading.AccuracyMetric, out var canary))
        {
            yield return AnalysisVerdict.Inconclusive("the routers report no accuracy from actuals for the new version yet (modelship_model_accuracy{metric=\"accuracy\"}): are actuals being posted?");
            yield break;
        }
        if (analysis.MinAccuracy is { } min)
        {
            yield return canary < min
                ? AnalysisVerdict.Failing(Text($"accuracy {canary:0.###} below minAccuracy {min:0.###}"))
                : AnalysisVerdict.Passing(Text($"accuracy {canary:0.###}"));
        }
        if (analysis.MaxAccuracyDecrease is { } decreaseText)
        {
            if (!end.ChampionAccuracy.TryGetValue(CanaryReading.AccuracyMetric, out var champion))
            {
                yield return AnalysisVerdict.Inconclusive("the routers report no accuracy from actuals for the champion yet: nothing to compare with");
            }
            else if (!RegressionAllowance.TryParseAmount(decreaseText, out var allowed))
            {
                yield return AnalysisVerdict.Failing($"maxAccuracyDecrease '{decreaseText}' is neither an amount such as 0.02 nor a percentage such as 5%");
            }
            else
            {
                yield return Verdict(MetricRegression.Compare("accuracy", champion, canary, allowed.Amount, allowed.Relative, lowerIsBetter: false), "maxAccuracyDecrease", decreaseText);
            }
        }
    }

    private static AnalysisVerdict Verdict(RefreshCheckResult result, string field, string allowed) =>
        result.Verdict == RefreshCheckVerdict.Passed
            ? AnalysisVerdict.Passing(result.Message!)
            : AnalysisVerdict.Failing($"{result.Message} ({field} {allowed})");

    private static CanaryAnalysisMetrics Answered(RefreshTrafficCounters counters) => new()
    {
        AnsweredRequests = counters.Requests,
        ServerErrors = counters.Errors,
        LatencyBuckets = [.. TrafficCounters.Histogram(counters)],
    };

    private static double Rate(RefreshTrafficCounters counters) => counters.Requests <= 0 ? 0 : (double)counters.Errors / counters.Requests;

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
