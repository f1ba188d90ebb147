using System.Globalization;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Telemetry;

namespace Modelship.Operator.Controllers.Comparison;

/// <summary>
/// Pure: a version's router counters as a trial records and compares them. The champion is always counted on what it
/// answered; the candidate on what it answered as a canary, or on what it was sent as a shadow. A window's numbers
/// are the counters now minus those when the routers began serving the candidate.
/// </summary>
public static class TrafficCounters
{
    /// <summary>Shadow error reasons that are failures of the version (a mismatch is an answer that could not be compared).</summary>
    private static readonly string[] ShadowFailureReasons = ["timeout", "unreachable", "status"];

    /// <summary>The counters of a version that answers requests (the champion, or the candidate as a canary).</summary>
    public static RefreshTrafficCounters Answering(CanaryAnalysisMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new RefreshTrafficCounters
        {
            Requests = metrics.AnsweredRequests,
            Errors = metrics.ServerErrors,
            LatencyBuckets = Buckets(metrics.LatencyBuckets),
        };
    }

    /// <summary>The counters of the candidate as a shadow: mirrored requests, failed ones, its comparisons with the champion.</summary>
    public static RefreshTrafficCounters Shadow(CanaryAnalysisMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new RefreshTrafficCounters
        {
            Requests = metrics.MirroredRequests,
            Errors = ShadowFailureReasons.Sum(reason => metrics.ShadowFailures.GetValueOrDefault(reason)),
            ComparedOutputs = metrics.ComparedOutputs,
            AgreedOutputs = metrics.AgreedOutputs,
            LatencyBuckets = Buckets(metrics.ShadowLatencyBuckets),
        };
    }

    /// <summary>
    /// What happened between <paramref name="baseline"/> and <paramref name="now"/>. A counter that went down means a
    /// router restarted and began again from zero: then everything it counted since is in the window, and
    /// <paramref name="now"/> is taken whole.
    /// </summary>
    public static RefreshTrafficCounters Since(RefreshTrafficCounters now, RefreshTrafficCounters? baseline)
    {
        ArgumentNullException.ThrowIfNull(now);
        if (baseline is null || now.Requests < baseline.Requests || now.Errors < baseline.Errors
            || now.ComparedOutputs < baseline.ComparedOutputs || now.AgreedOutputs < baseline.AgreedOutputs)
        {
            return now;
        }
        var before = (baseline.LatencyBuckets ?? []).ToDictionary(b => b.Le, b => b.Count, StringComparer.Ordinal);
        return new RefreshTrafficCounters
        {
            Requests = now.Requests - baseline.Requests,
            Errors = now.Errors - baseline.Errors,
            ComparedOutputs = now.ComparedOutputs - baseline.ComparedOutputs,
            AgreedOutputs = now.AgreedOutputs - baseline.AgreedOutputs,
            LatencyBuckets = [.. (now.LatencyBuckets ?? []).Select(b => b with { Count = Math.Max(0, b.Count - before.GetValueOrDefault(b.Le)) })],
        };
    }

    /// <summary>The buckets as <see cref="HistogramQuantile"/> reads them.</summary>
    public static IEnumerable<HistogramBucket> Histogram(RefreshTrafficCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return (counters.LatencyBuckets ?? []).Select(b => new HistogramBucket(ParseBound(b.Le), b.Count));
    }

    /// <summary>Every series and router summed per upper bound, in bound order.</summary>
    private static List<RefreshLatencyBucket> Buckets(IEnumerable<HistogramBucket> buckets) =>
        [.. buckets
            .GroupBy(b => b.UpperBound)
            .OrderBy(g => g.Key)
            .Select(g => new RefreshLatencyBucket { Le = FormatBound(g.Key), Count = g.Sum(b => b.CumulativeCount) })];

    private static string FormatBound(double bound) =>
        double.IsPositiveInfinity(bound) ? "+Inf" : bound.ToString("R", CultureInfo.InvariantCulture);

    private static double ParseBound(string le) =>
        AnalysisSample.TryParseValue(le, out var bound) ? bound : double.NaN;
}
