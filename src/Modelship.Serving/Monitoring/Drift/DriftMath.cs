namespace Modelship.Serving.Monitoring.Drift;

/// <summary>
/// Distances between a reference distribution and a live one over the same bins (proportions that each sum to 1).
/// PSI needs every bin non-empty (ln 0): empty bins of either side get <see cref="Epsilon"/> and the side is
/// renormalized to sum 1 before the sum. Hellinger is defined with empty bins and uses the proportions as they are.
/// tests/Modelship.Serving.Tests/Monitoring/Drift/reference_drift.py computes both the same way with numpy.
/// </summary>
public static class DriftMath
{
    /// <summary>The proportion an empty bin is given before PSI.</summary>
    public const double Epsilon = 1e-4;

    /// <summary>Population stability index: sum over bins of (a - e) * ln(a / e), on the smoothed proportions.</summary>
    public static double Psi(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        CheckSameLength(expected, actual);
        var expectedTotal = SmoothedTotal(expected);
        var actualTotal = SmoothedTotal(actual);
        var psi = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var e = Smoothed(expected[i]) / expectedTotal;
            var a = Smoothed(actual[i]) / actualTotal;
            psi += (a - e) * Math.Log(a / e);
        }
        return psi;
    }

    /// <summary>Hellinger distance, (1/sqrt 2) * ||sqrt a - sqrt e||, between 0 (same) and 1 (disjoint).</summary>
    public static double Hellinger(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        CheckSameLength(expected, actual);
        var sum = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var difference = Math.Sqrt(actual[i]) - Math.Sqrt(expected[i]);
            sum += difference * difference;
        }
        return Math.Sqrt(sum) / Math.Sqrt(2);
    }

    /// <summary>Counts over their total; all zeros when the total is zero.</summary>
    public static double[] Proportions(ReadOnlySpan<long> counts)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }
        var proportions = new double[counts.Length];
        if (total > 0)
        {
            for (var i = 0; i < counts.Length; i++)
            {
                proportions[i] = (double)counts[i] / total;
            }
        }
        return proportions;
    }

    private static double Smoothed(double proportion) => proportion > 0 ? proportion : Epsilon;

    private static double SmoothedTotal(ReadOnlySpan<double> proportions)
    {
        var total = 0.0;
        foreach (var proportion in proportions)
        {
            total += Smoothed(proportion);
        }
        return total;
    }

    private static void CheckSameLength(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        if (expected.Length != actual.Length)
        {
            throw new ArgumentException($"{expected.Length} reference bins against {actual.Length} live bins");
        }
    }
}
