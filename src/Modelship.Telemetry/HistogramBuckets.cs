using System.Diagnostics.Metrics;

namespace Modelship.Telemetry;

/// <summary>The upper bounds of a histogram: the instrument's advice, else Prometheus' default buckets.</summary>
public static class HistogramBuckets
{
    /// <summary>The default buckets of the Prometheus client libraries, in seconds.</summary>
    public static IReadOnlyList<double> Default { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Finite, distinct, ascending upper bounds; +Inf is always added by the exposition.</summary>
    internal static double[] UpperBounds(Instrument instrument)
    {
        var advised = instrument switch
        {
            Instrument<double> i => i.Advice?.HistogramBucketBoundaries,
            Instrument<float> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Instrument<long> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Instrument<short> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Instrument<byte> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Instrument<decimal> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            _ => null,
        };
        return [.. (advised ?? Default).Where(double.IsFinite).Distinct().Order()];
    }
}
