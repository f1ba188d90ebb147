using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Notifications;

/// <summary>One notification to deliver: for which ModelDeployment (as written with the status that fired it), what, when.</summary>
public sealed record NotificationWork(MD Owner, NotificationSpec Notification, NotificationTrigger Trigger, DateTimeOffset Time)
{
    /// <summary>Each notification of <paramref name="notifications"/> that listens to a trigger, paired with it.</summary>
    public static IEnumerable<NotificationWork> For(MD owner, IReadOnlyList<NotificationSpec>? notifications, IEnumerable<NotificationTrigger> triggers, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(triggers);
        foreach (var trigger in triggers)
        {
            foreach (var notification in notifications ?? [])
            {
                if (notification.Events?.Contains(trigger.Event) == true && (trigger.Notification is null || trigger.Notification == notification.Name))
                {
                    yield return new NotificationWork(owner, notification, trigger, time);
                }
            }
        }
    }
}
