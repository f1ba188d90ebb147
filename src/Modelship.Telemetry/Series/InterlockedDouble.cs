namespace Modelship.Telemetry.Series;

internal static class InterlockedDouble
{
    /// <summary>Atomically adds to a double. Compares bit patterns, so a NaN total cannot make the loop spin forever.</summary>
    public static void Add(ref double location, double value)
    {
        var current = Volatile.Read(ref location);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref location, current + value, current);
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }
            current = seen;
        }
    }
}
