namespace Modelship.Telemetry.Series;

/// <summary>
/// A running total. Integer measurements add into a long (one atomic instruction, exact), floating ones into a
/// double; the exposed value is their sum.
/// </summary>
internal sealed class SumSeries
{
    private long _integral;
    private double _fractional;

    public void Add(long value) => Interlocked.Add(ref _integral, value);

    public void Add(double value) => InterlockedDouble.Add(ref _fractional, value);

    public string FormatValue()
    {
        var integral = Interlocked.Read(ref _integral);
        var fractional = Volatile.Read(ref _fractional);
        return fractional == 0
            ? Exposition.PrometheusNumber.Format(integral)
            : Exposition.PrometheusNumber.Format(integral + fractional);
    }
}
