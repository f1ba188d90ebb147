using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Notifications;

/// <summary>
/// An event that fired for a ModelDeployment. <paramref name="Notification"/>: only for the notification of that
/// name (ActualsThreshold is counted per notification); null: for every notification that lists the event.
/// </summary>
public sealed record NotificationTrigger(NotificationEvent Event, string? Version, string Reason, string Message, string? Notification = null);
