namespace Modelship.Telemetry;

/// <summary>
/// PromQL's <c>histogram_quantile</c> over classic (<c>le</c>) buckets, with the same rules, so a threshold judged here
/// matches what the same query shows in Prometheus or Grafana: linear interpolation within the bucket that holds the
/// rank, a lower bound of 0 for the first bucket when its upper bound is positive, and the upper bound of the last
/// finite bucket when the rank falls into <c>+Inf</c>.
/// </summary>
public static class HistogramQuantile
{
    /// <summary>
    /// The <paramref name="quantile"/> (0-1) of the observations counted by <paramref name="buckets"/> (in any order;
    /// buckets with the same bound add up). NaN when there are no observations, fewer than two distinct bounds or no
    /// <c>+Inf</c> bucket; -Inf below 0 and +Inf above 1, as PromQL does.
    /// </summary>
    public static double Of(double quantile, IEnumerable<HistogramBucket> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (double.IsNaN(quantile))
        {
            return double.NaN;
        }
        if (quantile < 0)
        {
            return double.NegativeInfinity;
        }
        if (quantile > 1)
        {
            return double.PositiveInfinity;
        }
        var sorted = Envelope(Coalesce(buckets));
        if (sorted.Count < 2 || !double.IsPositiveInfinity(sorted[^1].UpperBound))
        {
            return double.NaN;
        }
        var observations = sorted[^1].CumulativeCount;
        if (observations == 0)
        {
            return double.NaN;
        }

        var rank = quantile * observations;
        var b = FirstReaching(sorted, rank);
        if (b == sorted.Count - 1)
        {
            return sorted[^2].UpperBound;
        }
        if (b == 0 && sorted[0].UpperBound <= 0)
        {
            return sorted[0].UpperBound;
        }
        var start = b > 0 ? sorted[b - 1].UpperBound : 0;
        var below = b > 0 ? sorted[b - 1].CumulativeCount : 0;
        var inBucket = sorted[b].CumulativeCount - below;
        return start + ((sorted[b].UpperBound - start) * ((rank - below) / inBucket));
    }

    /// <summary>Sorted by bound, buckets with equal bounds summed.</summary>
    private static List<HistogramBucket> Coalesce(IEnumerable<HistogramBucket> buckets)
    {
        var merged = new List<HistogramBucket>();
        foreach (var bucket in buckets.OrderBy(b => b.UpperBound))
        {
            if (merged.Count > 0 && merged[^1].UpperBound == bucket.UpperBound)
            {
                merged[^1] = merged[^1] with { CumulativeCount = merged[^1].CumulativeCount + bucket.CumulativeCount };
            }
            else
            {
                merged.Add(bucket);
            }
        }
        return merged;
    }

    /// <summary>Cumulative counts never decrease; a decrease (inconsistent input) is raised to the running maximum, as PromQL does.</summary>
    private static List<HistogramBucket> Envelope(List<HistogramBucket> sorted)
    {
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].CumulativeCount < sorted[i - 1].CumulativeCount)
            {
                sorted[i] = sorted[i] with { CumulativeCount = sorted[i - 1].CumulativeCount };
            }
        }
        return sorted;
    }

    /// <summary>The first bucket, the <c>+Inf</c> one excluded, whose count reaches <paramref name="rank"/>; the <c>+Inf</c> index when none does.</summary>
    private static int FirstReaching(List<HistogramBucket> sorted, double rank)
    {
        for (var i = 0; i < sorted.Count - 1; i++)
        {
            if (sorted[i].CumulativeCount >= rank)
            {
                return i;
            }
        }
        return sorted.Count - 1;
    }
}
