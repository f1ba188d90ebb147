using Modelship.Api.Routing;
using Modelship.Telemetry;

namespace Modelship.Serving.Monitoring.ServiceStats;

/// <summary>The counts of a window (the sum of its minute buckets) and the stats they give.</summary>
internal sealed class WindowTotals(IReadOnlyList<double> latencyBounds)
{
    public long Requests { get; set; }

    public long Errors { get; set; }

    public long ShadowComparisons { get; set; }

    public long ShadowAgreements { get; set; }

    public long CheckFailures { get; set; }

    /// <summary>Per latency bucket (not cumulative): the finite bounds in order, then +Inf.</summary>
    public long[] LatencyCounts { get; } = new long[latencyBounds.Count + 1];

    public WindowStats ToStats(string window) => new()
    {
        Window = window,
        Requests = Requests,
        Errors = Errors,
        ErrorRate = Requests > 0 ? (double)Errors / Requests : null,
        LatencyP50Seconds = Quantile(0.5),
        LatencyP90Seconds = Quantile(0.9),
        LatencyP99Seconds = Quantile(0.99),
        ShadowAgreement = ShadowComparisons > 0 ? (double)ShadowAgreements / ShadowComparisons : null,
        CheckFailures = CheckFailures,
    };

    /// <summary>As Prometheus' histogram_quantile over the same buckets would answer; null without observations.</summary>
    public double? Quantile(double quantile)
    {
        var buckets = new HistogramBucket[LatencyCounts.Length];
        long cumulative = 0;
        for (var i = 0; i < LatencyCounts.Length; i++)
        {
            cumulative += LatencyCounts[i];
            buckets[i] = new HistogramBucket(i < latencyBounds.Count ? latencyBounds[i] : double.PositiveInfinity, cumulative);
        }
        var value = HistogramQuantile.Of(quantile, buckets);
        return double.IsNaN(value) ? null : value;
    }
}
