using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Modelship.Kubernetes.Controllers;

namespace Modelship.Kubernetes.Tests.Queue;

/// <summary>Records every measurement of the controller meter, so tests can sum a series by its tags.</summary>
public sealed class MetricsCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public MetricsCapture()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ControllerMeter.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Sum of the values recorded for the instrument where every given tag matches.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) =>
        Matching(instrument, tags).Sum(m => m.Value);

    /// <summary>How many measurements (e.g. histogram recordings) were made for the series.</summary>
    public int Count(string instrument, params (string Key, string Value)[] tags) =>
        Matching(instrument, tags).Count();

    /// <summary>True if the series was touched at all (for series created at 0).</summary>
    public bool Exists(string instrument, params (string Key, string Value)[] tags) =>
        Matching(instrument, tags).Any();

    public void Dispose() => _listener.Dispose();

    private IEnumerable<Measurement> Matching(string instrument, (string Key, string Value)[] tags) =>
        _measurements.Where(m => m.Instrument == instrument
            && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value));

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString() ?? "";
        }

        _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }

    private sealed record Measurement(string Instrument, double Value, Dictionary<string, string> Tags);
}
