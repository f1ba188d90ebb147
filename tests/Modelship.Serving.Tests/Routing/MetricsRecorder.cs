using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Modelship.Serving.Tests.Routing;

/// <summary>Collects the measurements of one Meter instance, summed per instrument and tag set.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private readonly ConcurrentDictionary<string, double> _last = new();

    public MetricsRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Sum of the measurements of <paramref name="instrument"/> whose tags include all of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) =>
        _sums.Where(e => Matches(e.Key, instrument, tags)).Sum(e => e.Value);

    /// <summary>Number of measurements (histogram samples) of <paramref name="instrument"/> matching the tags.</summary>
    public long Count(string instrument, params (string Key, string Value)[] tags) =>
        _counts.Where(e => Matches(e.Key, instrument, tags)).Sum(e => e.Value);

    /// <summary>The last observed value of a gauge matching the tags, after observing the gauges now.</summary>
    public double? Gauge(string instrument, params (string Key, string Value)[] tags)
    {
        _last.Clear();
        _listener.RecordObservableInstruments();
        var matches = _last.Where(e => Matches(e.Key, instrument, tags)).ToArray();
        return matches.Length == 0 ? null : matches[0].Value;
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = instrument.Name + "|," + string.Join(",", tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")) + ",";
        _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
        _counts.AddOrUpdate(key, 1, (_, count) => count + 1);
        _last[key] = value;
    }

    private static bool Matches(string key, string instrument, (string Key, string Value)[] tags) =>
        key.StartsWith(instrument + "|", StringComparison.Ordinal) && tags.All(t => key.Contains($",{t.Key}={t.Value},", StringComparison.Ordinal));
}
