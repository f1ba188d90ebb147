using System.Globalization;

namespace Modelship.Telemetry.Exposition;

/// <summary>Sample and bucket-bound values as the text exposition format spells them.</summary>
internal static class PrometheusNumber
{
    // Below this magnitude integral values print as plain integers (counts, bytes); above it .NET's shortest
    // round-trip form takes over, which uses an exponent for very large magnitudes.
    private const double PlainIntegerLimit = 1e15;

    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }
        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }
        if (value == Math.Floor(value) && Math.Abs(value) < PlainIntegerLimit)
        {
            // The cast also turns -0 into 0.
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }
        // "R" is the shortest string that parses back to the same double; Go and Python print the exponent in lower case.
        return value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
    }

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
