using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Events;
using Modelship.Operator.Controllers.ModelDeployment;

namespace Modelship.Operator.Controllers.RefreshSchedule;

/// <summary>
/// Pure: the Events a RefreshSchedule's status change calls for, from the status read and the status written, so
/// each is recorded once, by the reconcile whose write records it: InvalidSpec (again when the message changes), and
/// one Event per run: ModelPromoted, PromotionRejected, RefreshFailed, RunSkipped (Warning: the start was missed or a
/// rollout was in progress); a run that found no new version records none. TrialStarted (Normal) each time a candidate
/// enters a trial phase (as a shadow, as a canary).
/// </summary>
public static class RefreshScheduleTransitions
{
    public const string ModelPromoted = "ModelPromoted";
    public const string PromotionRejected = "PromotionRejected";
    public const string RefreshFailed = "RefreshFailed";
    public const string RunSkipped = "RunSkipped";
    public const string TrialStarted = "TrialStarted";

    public static IReadOnlyList<TransitionEvent> Events(RefreshScheduleStatus? previous, RefreshScheduleStatus next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var events = new List<TransitionEvent>();
        var ready = ConditionList.Find(next.Conditions, ConditionTypes.Ready);
        var readyBefore = ConditionList.Find(previous?.Conditions, ConditionTypes.Ready);
        if (ready is { Reason: ConditionReasons.InvalidSpec } && !(readyBefore?.Reason == ConditionReasons.InvalidSpec && readyBefore.Message == ready.Message))
        {
            events.Add(new TransitionEvent(EventType.Warning, ConditionReasons.InvalidSpec, ready.Message ?? "the spec is invalid"));
        }
        if (next.Trial is { } trial && (previous?.Trial is not { } before || before.Version != trial.Version || before.Phase != trial.Phase))
        {
            events.Add(new TransitionEvent(EventType.Normal, TrialStarted, $"version {trial.Version} put on trial as a {(trial.Phase == RefreshTrialPhase.Shadow ? "shadow" : "canary")} of the champion {trial.ChampionVersion}"));
        }
        if (next.LastRun is { } run && !SameRun(previous?.LastRun, run) && RunEvent(run) is { } runEvent)
        {
            events.Add(runEvent);
        }
        return events;
    }

    private static bool SameRun(RefreshRun? before, RefreshRun run) =>
        before is not null && before.StartedAt == run.StartedAt && before.ScheduledTime == run.ScheduledTime && before.Result == run.Result;

    private static TransitionEvent? RunEvent(RefreshRun run)
    {
        var message = run.Message ?? run.Result.ToString();
        return run.Result switch
        {
            RefreshRunResult.Promoted => new TransitionEvent(EventType.Normal, ModelPromoted, message),
            RefreshRunResult.Rejected => new TransitionEvent(EventType.Warning, PromotionRejected, message),
            RefreshRunResult.Failed => new TransitionEvent(EventType.Warning, RefreshFailed, message),
            RefreshRunResult.Skipped => new TransitionEvent(EventType.Warning, RunSkipped, message),
            _ => null,
        };
    }
}
