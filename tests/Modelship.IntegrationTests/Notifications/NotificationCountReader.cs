using System.Diagnostics.Metrics;
using Modelship.Operator.Notifications;

namespace Modelship.IntegrationTests.Notifications;

/// <summary>Reads <c>modelship_notifications_total</c> of one delivery service as a scrape would.</summary>
public sealed class NotificationCountReader : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<(string Event, string Result), long> _seen = [];

    public NotificationCountReader(NotificationMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name == NotificationMetrics.NotificationsName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? notificationEvent = null, result = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "event")
                {
                    notificationEvent = tag.Value?.ToString();
                }
                else if (tag.Key == "result")
                {
                    result = tag.Value?.ToString();
                }
            }
            _seen[(notificationEvent!, result!)] = value;
        });
        _listener.Start();
    }

    /// <summary>The counter's value now (null: no such series).</summary>
    public long? Read(string notificationEvent, string result)
    {
        lock (_seen)
        {
            _seen.Clear();
            _listener.RecordObservableInstruments();
            return _seen.TryGetValue((notificationEvent, result), out var value) ? value : null;
        }
    }

    public void Dispose() => _listener.Dispose();
}
