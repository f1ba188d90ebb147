using System.Globalization;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;
using Modelship.Telemetry;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>
/// Judges spec.rollout.analysis from a version's <see cref="CanaryAnalysisMetrics"/>. A weighted step judges the
/// requests the version answered (maxErrorRate, maxLatencyP99); the mirror phase judges its answers as a shadow
/// (minShadowAgreement). Each check is Inconclusive until it has enough samples; a Failing message names the
/// threshold and the measured value; a Passing message lists every measured value.
/// </summary>
public static class CanaryThresholdAnalysis
{
    /// <summary>Fewer answered (weighted) or mirrored (mirror phase) requests than this give no verdict yet.</summary>
    public const long MinimumRequests = 20;

    /// <summary>Fewer compared class output elements than this give no agreement verdict yet.</summary>
    public const long MinimumComparedOutputs = 20;

    /// <summary>The quantile maxLatencyP99 bounds.</summary>
    public const double LatencyQuantile = 0.99;

    public static AnalysisVerdict Judge(CanaryAnalysisMetrics metrics, CanaryAnalysisPhase phase, RolloutAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(analysis);
        return phase == CanaryAnalysisPhase.Mirror
            ? Combine([ShadowAgreement(metrics, analysis.MinShadowAgreement)])
            : Combine([ErrorRate(metrics, analysis.MaxErrorRate), LatencyP99(metrics, analysis.MaxLatencyP99)]);
    }

    /// <summary>5xx answers over all answers; measured (and reported) even without a threshold.</summary>
    public static AnalysisVerdict ErrorRate(CanaryAnalysisMetrics metrics, double? maxErrorRate, long minimumRequests = MinimumRequests)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var (total, errors) = (metrics.AnsweredRequests, metrics.ServerErrors);
        if (total < minimumRequests)
        {
            return AnalysisVerdict.Inconclusive($"{total} canary requests so far, waiting for {minimumRequests}");
        }
        var rate = (double)errors / total;
        return maxErrorRate is { } max && rate > max
            ? AnalysisVerdict.Failing(Text($"error rate {rate:0.###} above maxErrorRate {max:0.###} ({errors}/{total} requests failed)"))
            : AnalysisVerdict.Passing(Text($"error rate {rate:0.###} ({errors}/{total} requests failed)"));
    }

    /// <summary>
    /// The 99th percentile of the version's request durations, as <c>histogram_quantile(0.99, sum by (le) (...))</c>
    /// computes it; measured (and reported) even without a threshold.
    /// </summary>
    public static AnalysisVerdict LatencyP99(CanaryAnalysisMetrics metrics, string? maxLatencyP99, long minimumRequests = MinimumRequests)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        TimeSpan? max = null;
        if (maxLatencyP99 is not null)
        {
            if (!DurationParser.TryParse(maxLatencyP99, out var parsed))
            {
                return AnalysisVerdict.Failing($"maxLatencyP99 '{maxLatencyP99}' is not a duration such as 250ms or 1s");
            }
            max = parsed;
        }
        if (metrics.AnsweredRequests < minimumRequests)
        {
            return AnalysisVerdict.Inconclusive($"{metrics.AnsweredRequests} canary requests so far, waiting for {minimumRequests}");
        }
        var p99 = HistogramQuantile.Of(LatencyQuantile, metrics.LatencyBuckets);
        if (double.IsNaN(p99))
        {
            return AnalysisVerdict.Inconclusive("no request durations of the canary in the routers' metrics yet");
        }
        return max is { } limit && p99 > limit.TotalSeconds
            ? AnalysisVerdict.Failing($"p99 latency {Milliseconds(p99)} above maxLatencyP99 {maxLatencyP99}")
            : AnalysisVerdict.Passing($"p99 latency {Milliseconds(p99)}");
    }

    /// <summary>
    /// Agreed over compared class output elements while the version ran as a shadow. Mirrored requests that never
    /// produce a comparison (the shadow fails, or the model has only floating outputs) fail the check once there are
    /// enough of them, rather than keeping the rollout waiting for ever.
    /// </summary>
    public static AnalysisVerdict ShadowAgreement(CanaryAnalysisMetrics metrics, double? minShadowAgreement)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var (compared, agreed, mirrored) = (metrics.ComparedOutputs, metrics.AgreedOutputs, metrics.MirroredRequests);
        if (compared < MinimumComparedOutputs)
        {
            return compared == 0 && mirrored >= MinimumRequests
                ? AnalysisVerdict.Failing($"minShadowAgreement cannot be measured: none of {mirrored} mirrored requests produced a comparison of class outputs{FailureSummary(metrics)}; agreement is measured on integer, string and bool outputs")
                : AnalysisVerdict.Inconclusive($"{compared} shadow outputs compared over {mirrored} mirrored requests so far, waiting for {MinimumComparedOutputs}{FailureSummary(metrics)}");
        }
        var ratio = (double)agreed / compared;
        return minShadowAgreement is { } min && ratio < min
            ? AnalysisVerdict.Failing(Text($"shadow agreement {ratio:0.###} below minShadowAgreement {min:0.###} ({agreed}/{compared} outputs agreed over {mirrored} mirrored requests)"))
            : AnalysisVerdict.Passing(Text($"shadow agreement {ratio:0.###} ({agreed}/{compared} outputs agreed over {mirrored} mirrored requests)"));
    }

    /// <summary>Failing if any check fails (all failures named), else Inconclusive if any is, else Passing with every measured value.</summary>
    public static AnalysisVerdict Combine(IReadOnlyList<AnalysisVerdict> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        foreach (var outcome in (ReadOnlySpan<AnalysisOutcome>)[AnalysisOutcome.Failing, AnalysisOutcome.Inconclusive])
        {
            var matching = checks.Where(c => c.Outcome == outcome).Select(c => c.Message).Distinct(StringComparer.Ordinal).ToList();
            if (matching.Count > 0)
            {
                return new AnalysisVerdict(outcome, string.Join("; ", matching));
            }
        }
        return AnalysisVerdict.Passing(string.Join(", ", checks.Select(c => c.Message)));
    }

    private static string FailureSummary(CanaryAnalysisMetrics metrics) =>
        metrics.ShadowFailures.Values.Sum() == 0
            ? ""
            : " (shadow failures: " + string.Join(", ", metrics.ShadowFailures.Where(f => f.Value > 0).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}")) + ")";

    public static string Milliseconds(double seconds) => Text($"{seconds * 1000:0.##}ms");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
