using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.RefreshSchedule;

namespace Modelship.Operator.Notifications;

/// <summary>
/// Pure: PromotionRejected when a RefreshSchedule's status write records a run that ended Rejected, from the same
/// transition its PromotionRejected Event is recorded from (<see cref="RefreshScheduleTransitions"/>). It goes to the
/// notifications of the target ModelDeployment.
/// </summary>
public static class PromotionNotifications
{
    public static NotificationTrigger? From(RefreshScheduleStatus? previous, RefreshScheduleStatus next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return next.LastRun is { Result: RefreshRunResult.Rejected } run
            && RefreshScheduleTransitions.Events(previous, next).FirstOrDefault(e => e.Reason == RefreshScheduleTransitions.PromotionRejected) is { } rejected
            ? new NotificationTrigger(NotificationEvent.PromotionRejected, run.Version, rejected.Reason, rejected.Message)
            : null;
    }
}
