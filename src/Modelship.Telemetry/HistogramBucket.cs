namespace Modelship.Telemetry;

/// <summary>One <c>_bucket</c> sample of a Prometheus histogram: observations less than or equal to <paramref name="UpperBound"/> (its <c>le</c>).</summary>
public readonly record struct HistogramBucket(double UpperBound, double CumulativeCount);
