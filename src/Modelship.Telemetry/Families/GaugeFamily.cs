using Modelship.Telemetry.Exposition;
using Modelship.Telemetry.Series;

namespace Modelship.Telemetry.Families;

/// <summary>The synchronous <c>Gauge&lt;T&gt;</c>: each recording replaces the series' value.</summary>
internal sealed class GaugeFamily(string name, string? description) : MetricFamily(name, description, FamilyKind.Gauge)
{
    private readonly SeriesTable<GaugeSeries> _series = new(static () => new GaugeSeries());

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => _series.GetOrCreate(tags).Set(value);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => _series.GetOrCreate(tags).Set(value);

    public override void Declare(ReadOnlySpan<KeyValuePair<string, object?>> tags) => _series.GetOrCreate(tags);

    public override void WriteTo(ExpositionWriter writer)
    {
        var series = _series.SortedSnapshot();
        if (series.Count == 0)
        {
            return;
        }
        writer.WriteHeader(Name, EscapedHelp, TypeName);
        foreach (var (labels, gauge) in series)
        {
            writer.WriteSample(Name, labels, PrometheusNumber.Format(gauge.Value));
        }
    }
}
