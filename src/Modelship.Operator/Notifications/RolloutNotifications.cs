using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;

namespace Modelship.Operator.Notifications;

/// <summary>
/// Pure: the rollout events between the status a reconcile read and the one it wrote, from the same transitions
/// the ModelDeployment's Events are recorded from (<see cref="StatusTransitions"/>), so each fires once, with the
/// write that records it.
/// </summary>
public static class RolloutNotifications
{
    public static IReadOnlyList<NotificationTrigger> From(ModelDeploymentStatus? previous, ModelDeploymentStatus next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var triggers = new List<NotificationTrigger>();
        if (StatusTransitions.Events(previous, next).FirstOrDefault(e => e.Reason == ConditionReasons.RolloutInProgress) is { } started)
        {
            triggers.Add(new NotificationTrigger(NotificationEvent.RolloutStarted, next.PendingModel?.Version, started.Reason, started.Message));
        }
        if (StatusTransitions.Ended(previous, next) is { } ended)
        {
            var succeeded = ended.Result == RolloutResults.Completed;
            var reason = succeeded ? ConditionReasons.RolloutComplete : FailureReason(next) ?? ended.Result;
            var message = succeeded
                ? $"version {ended.Version} replaced {previous?.ActiveModel?.Version}"
                : $"replacement by version {ended.Version} ended ({ended.Result}), traffic stays on {next.ActiveModel?.Version}: {(next.History is [var newest, ..] ? newest.Message : null)}";
            triggers.Add(new NotificationTrigger(succeeded ? NotificationEvent.RolloutSucceeded : NotificationEvent.RolloutAborted, ended.Version, reason, message));
        }
        return triggers;
    }

    private static string? FailureReason(ModelDeploymentStatus next) =>
        ConditionList.Find(next.Conditions, ConditionTypes.Degraded) is { Status: ConditionStatus.True } degraded ? degraded.Reason : null;
}
