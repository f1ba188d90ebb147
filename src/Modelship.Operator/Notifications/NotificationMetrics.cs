using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Notifications;

/// <summary>
/// <c>modelship_notifications_total{event,result}</c> on a Meter named <see cref="MeterName"/>: deliveries this process
/// ended, by event and result (<see cref="Sent"/>, <see cref="Failed"/>, <see cref="Dropped"/>), every pair from 0 so
/// a rate or an alert has a series before the first delivery.
/// </summary>
public sealed class NotificationMetrics : IDisposable
{
    public const string MeterName = "Modelship.Operator.Notifications";
    public const string NotificationsName = "modelship_notifications_total";
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>Not delivered: the queue was full, or a Job for the same ModelDeployment and event still runs.</summary>
    public const string Dropped = "dropped";

    public static IReadOnlyList<string> Results { get; } = [Sent, Failed, Dropped];

    private readonly ConcurrentDictionary<(NotificationEvent Event, string Result), long> _counts = new();
    /// <summary>The Meter the series are on (one per delivery service, disposed with it).</summary>
    public Meter Meter { get; } = new(MeterName);

    public NotificationMetrics()
    {
        Meter.CreateObservableCounter(NotificationsName, Observe, description: "Notifications (webhook calls and Jobs) this process ended, by event and result: sent, failed (after every attempt) or dropped (queue full, or a Job still running).");
    }

    public void Count(NotificationEvent notificationEvent, string result) =>
        _counts.AddOrUpdate((notificationEvent, result), 1, (_, count) => count + 1);

    private IEnumerable<Measurement<long>> Observe() =>
        Enum.GetValues<NotificationEvent>().SelectMany(e => Results.Select(r =>
            new Measurement<long>(_counts.GetValueOrDefault((e, r)), new KeyValuePair<string, object?>("event", e.ToString()), new KeyValuePair<string, object?>("result", r))));

    public void Dispose() => Meter.Dispose();
}
