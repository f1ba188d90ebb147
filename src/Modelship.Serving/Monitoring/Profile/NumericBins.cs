namespace Modelship.Serving.Monitoring.Profile;

/// <summary>Quantile bin edges of a reference sample and the bin of a value; the same rules numpy's <c>quantile</c> and <c>searchsorted</c> follow.</summary>
public static class NumericBins
{
    /// <summary>
    /// The distinct inner edges at quantiles 1/bins .. (bins-1)/bins of <paramref name="sorted"/> (ascending, not
    /// empty), interpolated linearly like numpy's default <c>quantile</c> method.
    /// </summary>
    public static double[] QuantileEdges(IReadOnlyList<double> sorted, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        var edges = new List<double>(bins - 1);
        for (var i = 1; i < bins; i++)
        {
            var edge = Quantile(sorted, (double)i / bins);
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }
        return [.. edges];
    }

    /// <summary>The q-quantile with linear interpolation between the closest ranks (numpy's method="linear").</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        var fraction = position - below;
        // numpy's _lerp: a + (b - a) * t, and b - (b - a) * (1 - t) for t >= 0.5.
        var a = sorted[below];
        var b = sorted[above];
        var difference = b - a;
        return fraction >= 0.5 ? b - (difference * (1 - fraction)) : a + (difference * fraction);
    }

    /// <summary>The bin of <paramref name="value"/>: the number of edges strictly below it (numpy's searchsorted, side="left").</summary>
    public static int BinOf(IReadOnlyList<double> edges, double value)
    {
        int low = 0, high = edges.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (edges[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
