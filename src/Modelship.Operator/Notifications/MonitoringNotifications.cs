using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Notifications;

/// <summary>The monitoring events that fired, and what status.notifications records about them.</summary>
public sealed record MonitoringEvaluation(NotificationStatus? Record, IReadOnlyList<NotificationTrigger> Triggers);

/// <summary>
/// Pure: the monitoring events a ModelDeployment's status calls for. Drifting and AccuracyDegraded fire when their
/// condition is True with a lastTransitionTime other than the one status.notifications last fired for;
/// ActualsThreshold fires, per notification, when status.accuracy.actualsReceived grew by at least its
/// actualsThreshold since status.notifications.actualsAtLastTrigger (a notification first seen starts counting from
/// the current count). The record goes into the status write, so a restart neither fires again nor forgets.
/// </summary>
public static class MonitoringNotifications
{
    public static MonitoringEvaluation Evaluate(IReadOnlyList<NotificationSpec>? notifications, ModelDeploymentStatus? status)
    {
        var record = status?.Notifications;
        if (notifications is not { Count: > 0 })
        {
            return new MonitoringEvaluation(record, []);
        }
        var triggers = new List<NotificationTrigger>();
        var version = status?.ActiveModel?.Version;
        var next = record ?? new NotificationStatus();

        var drifting = ConditionTurnedTrue(status, ConditionTypes.Drifting, record?.DriftingSince);
        if (drifting is not null)
        {
            triggers.Add(new NotificationTrigger(NotificationEvent.Drifting, version, drifting.Reason, drifting.Message ?? "inputs or predictions drift from the training reference"));
            next = next with { DriftingSince = drifting.LastTransitionTime };
        }
        var degraded = ConditionTurnedTrue(status, ConditionTypes.AccuracyDegraded, record?.AccuracyDegradedSince);
        if (degraded is not null)
        {
            triggers.Add(new NotificationTrigger(NotificationEvent.AccuracyDegraded, version, degraded.Reason, degraded.Message ?? "accuracy from actuals is below the threshold"));
            next = next with { AccuracyDegradedSince = degraded.LastTransitionTime };
        }

        var received = status?.Accuracy?.ActualsReceived ?? 0;
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var notification in notifications.Where(n => n.ActualsThreshold is > 0 && n.Events?.Contains(NotificationEvent.ActualsThreshold) == true))
        {
            var last = record?.ActualsAtLastTrigger?.GetValueOrDefault(notification.Name) is { } seen && seen <= received ? seen : received;
            if (received - last >= notification.ActualsThreshold)
            {
                triggers.Add(new NotificationTrigger(NotificationEvent.ActualsThreshold, version, "ActualsReceived",
                    $"{received - last} new actuals since the last trigger ({received} in all, threshold {notification.ActualsThreshold})", notification.Name));
                last = received;
            }
            counts[notification.Name] = last;
        }
        next = next with { ActualsAtLastTrigger = counts.Count == 0 ? null : counts };
        return new MonitoringEvaluation(Same(record, next) ? record : next, triggers);
    }

    /// <summary>The condition of <paramref name="type"/> when it is True and not the one <paramref name="notifiedSince"/> names.</summary>
    private static Condition? ConditionTurnedTrue(ModelDeploymentStatus? status, string type, DateTimeOffset? notifiedSince) =>
        ConditionList.Find(status?.Conditions, type) is { Status: ConditionStatus.True } condition && condition.LastTransitionTime != notifiedSince
            ? condition
            : null;

    private static bool Same(NotificationStatus? record, NotificationStatus next) =>
        record is not null
        && record.DriftingSince == next.DriftingSince
        && record.AccuracyDegradedSince == next.AccuracyDegradedSince
        && (record.ActualsAtLastTrigger ?? new Dictionary<string, long>()).OrderBy(p => p.Key, StringComparer.Ordinal)
            .SequenceEqual((next.ActualsAtLastTrigger ?? new Dictionary<string, long>()).OrderBy(p => p.Key, StringComparer.Ordinal));
}
