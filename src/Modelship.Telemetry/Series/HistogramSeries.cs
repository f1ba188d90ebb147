namespace Modelship.Telemetry.Series;

/// <summary>
/// Per-bucket counts (not cumulative; the last slot is the +Inf bucket) and the sum. The count is derived from the
/// buckets, so <c>_count</c> always equals the <c>+Inf</c> bucket of the same scrape.
/// </summary>
internal sealed class HistogramSeries
{
    private readonly long[] _bucketCounts;
    private double _sum;

    public HistogramSeries(int boundCount) => _bucketCounts = new long[boundCount + 1];

    public void Observe(double value, double[] upperBounds)
    {
        Interlocked.Increment(ref _bucketCounts[BucketIndex(value, upperBounds)]);
        InterlockedDouble.Add(ref _sum, value);
    }

    /// <summary>Cumulative counts, one per upper bound and a last one for +Inf (which is the total count).</summary>
    public long[] CumulativeCounts()
    {
        var cumulative = new long[_bucketCounts.Length];
        long running = 0;
        for (var i = 0; i < _bucketCounts.Length; i++)
        {
            running += Interlocked.Read(ref _bucketCounts[i]);
            cumulative[i] = running;
        }
        return cumulative;
    }

    public double Sum => Volatile.Read(ref _sum);

    /// <summary>The first bucket whose upper bound is at or above the value (bounds are inclusive); NaN lands in +Inf.</summary>
    internal static int BucketIndex(double value, double[] upperBounds)
    {
        int low = 0, high = upperBounds.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (value <= upperBounds[middle])
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return low;
    }
}
