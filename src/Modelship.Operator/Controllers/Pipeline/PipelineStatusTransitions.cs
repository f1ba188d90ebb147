using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Events;
using Modelship.Operator.Controllers.ModelDeployment;

namespace Modelship.Operator.Controllers.Pipeline;

/// <summary>
/// Pure: the Events a Pipeline's status change calls for, derived from the status read and the status written (as
/// <see cref="StatusTransitions"/> for ModelDeployments), so each is recorded once, by the reconcile whose write
/// records the transition.
/// </summary>
public static class PipelineStatusTransitions
{
    public static IReadOnlyList<TransitionEvent> Events(PipelineStatus? previous, PipelineStatus next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var events = new List<TransitionEvent>();
        var ready = ConditionList.Find(next.Conditions, ConditionTypes.Ready);
        var readyBefore = ConditionList.Find(previous?.Conditions, ConditionTypes.Ready);
        if (ready is { Reason: ConditionReasons.InvalidSpec } && !(readyBefore?.Reason == ConditionReasons.InvalidSpec && readyBefore.Message == ready.Message))
        {
            events.Add(new TransitionEvent(EventType.Warning, ConditionReasons.InvalidSpec, ready.Message ?? "the spec is invalid"));
        }
        if (ready is { Status: ConditionStatus.True } && readyBefore?.Status != ConditionStatus.True)
        {
            events.Add(new TransitionEvent(EventType.Normal, ConditionReasons.Available, ready.Message ?? "every step serves"));
        }
        var degraded = ConditionList.Find(next.Conditions, ConditionTypes.Degraded);
        var degradedBefore = ConditionList.Find(previous?.Conditions, ConditionTypes.Degraded);
        if (degraded is { Status: ConditionStatus.True } && !(degradedBefore?.Status == ConditionStatus.True && degradedBefore.Reason == degraded.Reason))
        {
            events.Add(new TransitionEvent(EventType.Warning, degraded.Reason, degraded.Message ?? degraded.Reason));
        }
        return events;
    }
}
