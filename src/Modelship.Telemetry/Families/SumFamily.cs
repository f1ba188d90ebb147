using Modelship.Telemetry.Exposition;
using Modelship.Telemetry.Series;

namespace Modelship.Telemetry.Families;

/// <summary>Counter (monotonic, exposed as <c>counter</c>) or UpDownCounter (exposed as <c>gauge</c>): measurements add up.</summary>
internal sealed class SumFamily : MetricFamily
{
    private readonly SeriesTable<SumSeries> _series = new(static () => new SumSeries());
    private readonly bool _monotonic;

    public SumFamily(string name, string? description, FamilyKind kind)
        : base(name, description, kind)
    {
        _monotonic = kind == FamilyKind.Counter;
    }

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // A Prometheus counter never goes down; a negative increment is a caller bug, dropped rather than exposed.
        if (_monotonic && value < 0)
        {
            return;
        }
        _series.GetOrCreate(tags).Add(value);
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // NaN would poison the total for good.
        if (double.IsNaN(value) || (_monotonic && value < 0))
        {
            return;
        }
        _series.GetOrCreate(tags).Add(value);
    }

    public override void Declare(ReadOnlySpan<KeyValuePair<string, object?>> tags) => _series.GetOrCreate(tags);

    public override void WriteTo(ExpositionWriter writer)
    {
        var series = _series.SortedSnapshot();
        if (series.Count == 0)
        {
            return;
        }
        writer.WriteHeader(Name, EscapedHelp, TypeName);
        foreach (var (labels, sum) in series)
        {
            writer.WriteSample(Name, labels, sum.FormatValue());
        }
    }
}
