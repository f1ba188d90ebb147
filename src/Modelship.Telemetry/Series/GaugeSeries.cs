namespace Modelship.Telemetry.Series;

/// <summary>A value that is set, not added to: the last recording wins.</summary>
internal sealed class GaugeSeries
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Set(double value) => Volatile.Write(ref _value, value);
}
