using Modelship.Telemetry.Exposition;

namespace Modelship.Telemetry.Families;

/// <summary>
/// One Prometheus metric family: a name, HELP, TYPE and its series. It is also the state object the listener hands
/// back with every measurement, so recording goes straight to the family without a lookup by instrument.
/// </summary>
internal abstract class MetricFamily
{
    protected MetricFamily(string name, string? description, FamilyKind kind)
    {
        Name = name;
        Kind = kind;
        EscapedHelp = string.IsNullOrEmpty(description) ? null : PrometheusEscaping.HelpText(description);
    }

    public string Name { get; }

    public FamilyKind Kind { get; }

    protected string? EscapedHelp { get; }

    protected string TypeName => Kind switch
    {
        FamilyKind.Counter or FamilyKind.ObservedCounter => "counter",
        FamilyKind.Histogram => "histogram",
        _ => "gauge",
    };

    public abstract void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Makes the series exist at zero (no-op for observed families, whose callbacks say what exists).</summary>
    public abstract void Declare(ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Writes HELP, TYPE and the series, or nothing when the family has no series yet.</summary>
    public abstract void WriteTo(ExpositionWriter writer);
}
