using Modelship.Telemetry.Exposition;
using Modelship.Telemetry.Series;

namespace Modelship.Telemetry.Families;

/// <summary>
/// ObservableCounter (as <c>counter</c>), ObservableUpDownCounter and ObservableGauge (as <c>gauge</c>). The callbacks
/// report current values at scrape time; a series their callbacks stop reporting disappears from the next scrape.
/// </summary>
internal sealed class ObservedFamily(string name, string? description, FamilyKind kind) : MetricFamily(name, description, kind)
{
    private readonly SeriesTable<ObservedSeries> _series = new(static () => new ObservedSeries());
    private long _round;

    /// <summary>Starts an observation round; call before the callbacks run.</summary>
    public void BeginRound() => _round++;

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Observe(value, tags);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Observe(value, tags);

    public override void Declare(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
    }

    public override void WriteTo(ExpositionWriter writer)
    {
        var round = _round;
        _series.RemoveWhere(series => series.Round != round);
        var series = _series.SortedSnapshot();
        if (series.Count == 0)
        {
            return;
        }
        writer.WriteHeader(Name, EscapedHelp, TypeName);
        foreach (var (labels, observed) in series)
        {
            writer.WriteSample(Name, labels, PrometheusNumber.Format(observed.Value));
        }
    }

    private void Observe(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _series.GetOrCreate(tags);
        series.Value = value;
        series.Round = _round;
    }
}
