using Modelship.Telemetry.Exposition;
using Modelship.Telemetry.Series;

namespace Modelship.Telemetry.Families;

/// <summary>A histogram with fixed upper bounds, exposed as cumulative <c>_bucket</c> lines, <c>_sum</c> and <c>_count</c>.</summary>
internal sealed class HistogramFamily : MetricFamily
{
    private const string UpperBoundLabel = "le";

    private readonly double[] _upperBounds;
    private readonly string[] _upperBoundTexts;
    private readonly SeriesTable<HistogramSeries> _series;
    private readonly string _sumName;
    private readonly string _countName;

    public HistogramFamily(string name, string? description, double[] upperBounds)
        : base(name, description, FamilyKind.Histogram)
    {
        _upperBounds = upperBounds;
        _upperBoundTexts = [.. upperBounds.Select(PrometheusNumber.Format), "+Inf"];
        _series = new SeriesTable<HistogramSeries>(() => new HistogramSeries(upperBounds.Length), UpperBoundLabel);
        _sumName = name + "_sum";
        _countName = name + "_count";
    }

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _series.GetOrCreate(tags).Observe(value, _upperBounds);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _series.GetOrCreate(tags).Observe(value, _upperBounds);

    public override void Declare(ReadOnlySpan<KeyValuePair<string, object?>> tags) => _series.GetOrCreate(tags);

    public override void WriteTo(ExpositionWriter writer)
    {
        var series = _series.SortedSnapshot();
        if (series.Count == 0)
        {
            return;
        }
        writer.WriteHeader(Name, EscapedHelp, TypeName);
        foreach (var (labels, histogram) in series)
        {
            var cumulative = histogram.CumulativeCounts();
            for (var i = 0; i < cumulative.Length; i++)
            {
                writer.WriteBucket(Name, labels, _upperBoundTexts[i], PrometheusNumber.Format(cumulative[i]));
            }
            writer.WriteSample(_sumName, labels, PrometheusNumber.Format(histogram.Sum));
            writer.WriteSample(_countName, labels, PrometheusNumber.Format(cumulative[^1]));
        }
    }
}
