using System.Globalization;

namespace Modelship.Benchmarks.OpenLoop;

/// <summary>Latency percentiles (milliseconds, nearest rank) and the error count of the measured requests.</summary>
internal sealed record LatencySummary(int Requests, int Errors, string? FirstFailure, double P50, double P90, double P99, double P999, double Max)
{
    public static LatencySummary From(List<double> latencies, int errors, string? firstFailure, int requests)
    {
        latencies.Sort();
        double At(double quantile) =>
            latencies.Count == 0 ? double.NaN : latencies[Math.Max(0, (int)Math.Ceiling(quantile * latencies.Count) - 1)];
        return new LatencySummary(requests, errors, firstFailure, At(0.50), At(0.90), At(0.99), At(0.999), latencies.Count == 0 ? double.NaN : latencies[^1]);
    }

    /// <summary>The BENCH lines for this summary, each named <c>{label}_{figure}</c>.</summary>
    public IEnumerable<string> BenchLines(string label)
    {
        string Line(string figure, double value, string unit) =>
            string.Create(CultureInfo.InvariantCulture, $"BENCH {label}_{figure} {value:0.000} {unit}");
        yield return Line("p50_ms", P50, "ms");
        yield return Line("p90_ms", P90, "ms");
        yield return Line("p99_ms", P99, "ms");
        yield return Line("p999_ms", P999, "ms");
        yield return Line("max_ms", Max, "ms");
        yield return string.Create(CultureInfo.InvariantCulture, $"BENCH {label}_errors {Errors} requests");
    }
}
