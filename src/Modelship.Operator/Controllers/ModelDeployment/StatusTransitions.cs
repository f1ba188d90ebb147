using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Events;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>An Event to record about the ModelDeployment.</summary>
public sealed record TransitionEvent(EventType Type, string Reason, string Message);

/// <summary>A rollout that ended, as <c>modelship_rollouts_total</c> counts it (<see cref="RolloutResults"/>).</summary>
public sealed record RolloutEnd(string Version, string Result);

/// <summary>
/// Pure: what changed between the status a reconcile read and the status it wrote, as Events and ended rollouts.
/// Both are derived from the two statuses, never from what the reconcile decided, so they are reported once: by the
/// reconcile whose write records the transition (a reconcile on a stale cache cannot write, its status write being
/// conditional on the resourceVersion it read), and not again by one that finds the transition already recorded.
/// </summary>
public static class StatusTransitions
{
    public static IReadOnlyList<TransitionEvent> Events(ModelDeploymentStatus? previous, ModelDeploymentStatus next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var events = new List<TransitionEvent>();
        if (Invalid(previous, next) is { } invalid)
        {
            events.Add(invalid);
        }
        if (Suspension(previous, next) is { } suspension)
        {
            events.Add(suspension);
        }
        if (FirstRoute(previous, next) is { } routed)
        {
            events.Add(routed);
        }
        if (Promotion(previous, next) is { } promoted)
        {
            events.Add(promoted);
        }
        if (Completed(previous, next) is { } completed)
        {
            events.Add(new TransitionEvent(EventType.Normal, ConditionReasons.RolloutComplete, $"version {completed.To} replaced {completed.From}"));
        }
        if (Failed(previous, next) is { } failed)
        {
            events.Add(new TransitionEvent(EventType.Warning, failed.Reason,
                $"replacement by version {failed.Entry.Version} failed, traffic stays on {next.ActiveModel?.Version}: {Detail(failed.Entry.Message, failed.Reason)}"));
        }
        if (RouterRoleMissing(previous, next) is { } routerRole)
        {
            events.Add(routerRole);
        }
        if (AuthSecretMissing(previous, next) is { } authSecret)
        {
            events.Add(authSecret);
        }
        if (MonitoringTransition(previous, next, ConditionTypes.Drifting, "DriftResolved") is { } drifting)
        {
            events.Add(drifting);
        }
        if (MonitoringTransition(previous, next, ConditionTypes.AccuracyDegraded, "AccuracyRecovered") is { } accuracy)
        {
            events.Add(accuracy);
        }
        return events;
    }

    /// <summary>The rollout <paramref name="next"/> records as ended and <paramref name="previous"/> did not.</summary>
    public static RolloutEnd? Ended(ModelDeploymentStatus? previous, ModelDeploymentStatus next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (Completed(previous, next) is { } completed)
        {
            return new RolloutEnd(completed.To, RolloutResults.Completed);
        }
        return Failed(previous, next) is { } failed ? new RolloutEnd(failed.Entry.Version, RolloutResults.OfFailure(failed.Reason)) : null;
    }

    /// <summary>The pending version became the champion.</summary>
    private static (string From, string To)? Completed(ModelDeploymentStatus? previous, ModelDeploymentStatus next) =>
        next.ActiveModel is { } active && previous?.PendingModel?.Version == active.Version && previous.ActiveModel is { } old && old.Version != active.Version
            ? (old.Version, active.Version)
            : null;

    /// <summary>History gained a Failed attempt; its reason is the one Degraded reports.</summary>
    private static (ModelHistoryEntry Entry, string Reason)? Failed(ModelDeploymentStatus? previous, ModelDeploymentStatus next)
    {
        if (next.History is not [{ Outcome: HistoryOutcome.Failed } newest, ..] || (previous?.History is [var before, ..] && before == newest))
        {
            return null;
        }
        var reason = ConditionList.Find(next.Conditions, ConditionTypes.Degraded) is { Status: ConditionStatus.True } degraded
            ? degraded.Reason
            : newest.Message?.Split(':', 2)[0] ?? ConditionReasons.RolloutAborted;
        return (newest, reason);
    }

    /// <summary>The history entry's message without the reason it starts with.</summary>
    private static string? Detail(string? message, string reason) =>
        message is not null && message.StartsWith(reason + ": ", StringComparison.Ordinal) ? message[(reason.Length + 2)..] : message;

    /// <summary>The pending version is named by status.traffic for the first time: as a canary, a mirror, or the champion.</summary>
    private static TransitionEvent? FirstRoute(ModelDeploymentStatus? previous, ModelDeploymentStatus next)
    {
        if (next.PendingModel?.Version is not { } version || Routed(next, version) is not { } entry || Routed(previous, version) is not null)
        {
            return null;
        }
        return new TransitionEvent(EventType.Normal, ConditionReasons.RolloutInProgress,
            entry.Role == TrafficRole.Shadow ? $"mirroring traffic to version {version}" : $"routing traffic to version {version}");
    }

    private static TrafficBackendStatus? Routed(ModelDeploymentStatus? status, string version) =>
        status?.Traffic?.FirstOrDefault(t => t.Version == version && (t.Role == TrafficRole.Champion || t.Name == RoutedBackends.CanaryName));

    private static TransitionEvent? Promotion(ModelDeploymentStatus? previous, ModelDeploymentStatus next) =>
        ConditionList.Find(next.Conditions, ConditionTypes.Progressing) is { Reason: RolloutStateMachine.Promoted } progressing
            && ConditionList.Find(previous?.Conditions, ConditionTypes.Progressing)?.Reason != RolloutStateMachine.Promoted
            ? new TransitionEvent(EventType.Normal, RolloutStateMachine.Promoted, $"version {next.PendingModel?.Version} {progressing.Message}")
            : null;

    private static TransitionEvent? Suspension(ModelDeploymentStatus? previous, ModelDeploymentStatus next)
    {
        var was = ConditionList.IsTrue(previous?.Conditions, ConditionTypes.Suspended);
        var now = ConditionList.IsTrue(next.Conditions, ConditionTypes.Suspended);
        if (was == now || (previous is null && !now))
        {
            return null;
        }
        return now
            ? new TransitionEvent(EventType.Normal, "Suspended", "spec.suspend is true: model servers and routers scaled to zero")
            : new TransitionEvent(EventType.Normal, "Resumed", "spec.suspend is false: model servers and routers scaled back up");
    }

    private static TransitionEvent? AuthSecretMissing(ModelDeploymentStatus? previous, ModelDeploymentStatus next) =>
        ConditionList.Find(next.Conditions, ConditionTypes.Degraded) is { Status: ConditionStatus.True, Reason: ConditionReasons.AuthSecretMissing } degraded
            && ConditionList.Find(previous?.Conditions, ConditionTypes.Degraded)?.Reason != ConditionReasons.AuthSecretMissing
            ? new TransitionEvent(EventType.Warning, ConditionReasons.AuthSecretMissing, degraded.Message ?? "a Secret of spec.auth is missing")
            : null;

    private static TransitionEvent? RouterRoleMissing(ModelDeploymentStatus? previous, ModelDeploymentStatus next) =>
        ConditionList.Find(next.Conditions, ConditionTypes.Degraded) is { Status: ConditionStatus.True, Reason: ConditionReasons.RouterClusterRoleMissing } degraded
            && ConditionList.Find(previous?.Conditions, ConditionTypes.Degraded)?.Reason != ConditionReasons.RouterClusterRoleMissing
            ? new TransitionEvent(EventType.Warning, ConditionReasons.RouterClusterRoleMissing, degraded.Message ?? "the router ClusterRole is missing")
            : null;

    /// <summary>
    /// Drifting or AccuracyDegraded turned True (a Warning with its reason and message), or went from True to False (a
    /// Normal <paramref name="recoveredReason"/>). True to Unknown (no router answered) is no news.
    /// </summary>
    private static TransitionEvent? MonitoringTransition(ModelDeploymentStatus? previous, ModelDeploymentStatus next, string type, string recoveredReason)
    {
        var now = ConditionList.Find(next.Conditions, type);
        var was = ConditionList.IsTrue(previous?.Conditions, type);
        return now switch
        {
            { Status: ConditionStatus.True } when !was => new TransitionEvent(EventType.Warning, now.Reason ?? type, now.Message ?? type),
            { Status: ConditionStatus.False } when was => new TransitionEvent(EventType.Normal, recoveredReason, now.Message ?? recoveredReason),
            _ => null,
        };
    }

    /// <summary>A spec the validator rejects, reported again when what is wrong with it changes.</summary>
    /// <summary>The Ready reasons of <see cref="StatusBuilder.Invalid"/>: a spec, or a runtime, that must be fixed first.</summary>
    private static readonly string[] InvalidReasons =
    [
        ConditionReasons.InvalidSpec,
        Api.Runtimes.RuntimeReasons.RuntimeNotFound,
        Api.Runtimes.RuntimeReasons.RuntimeUnsuitable,
        Api.Runtimes.RuntimeReasons.RuntimeInvalid,
        Api.Runtimes.RuntimeReasons.RuntimeAmbiguous,
    ];

    private static TransitionEvent? Invalid(ModelDeploymentStatus? previous, ModelDeploymentStatus next)
    {
        if (ConditionList.Find(next.Conditions, ConditionTypes.Ready) is not { } ready || !InvalidReasons.Contains(ready.Reason))
        {
            return null;
        }
        var before = ConditionList.Find(previous?.Conditions, ConditionTypes.Ready);
        return before?.Reason == ready.Reason && before.Message == ready.Message
            ? null
            : new TransitionEvent(EventType.Warning, ready.Reason, ready.Message ?? "the spec is invalid");
    }
}
