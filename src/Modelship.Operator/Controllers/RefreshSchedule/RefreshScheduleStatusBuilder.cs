using Modelship.Api.Conditions;
using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.RefreshSchedule.Trial;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.Operator.Controllers.RefreshSchedule;

/// <summary>
/// Pure: the status of a RefreshSchedule after a reconcile, from the status read, the schedule decision and the run
/// (if one ran or was skipped). Conditions keep their lastTransitionTime when unchanged; history is newest first and
/// bounded per kind of result by the spec's limits.
/// </summary>
public static class RefreshScheduleStatusBuilder
{
    public const string ScheduledReason = "Scheduled";
    public const string LastRunFailedReason = "LastRunFailed";
    public const string TrialInProgressReason = "TrialInProgress";
    public const string NoTrialReason = "NoTrial";

    /// <param name="schedule">The object read (spec, generation, status).</param>
    /// <param name="decision">What the schedule decided now.</param>
    /// <param name="run">The run recorded by this reconcile: one that ran or was skipped; null when none was due.</param>
    /// <param name="promoted">The version the run promoted, with its metrics; null keeps the recorded one.</param>
    /// <param name="trial">The candidate on trial after this reconcile; null when none is.</param>
    /// <param name="now">The current time.</param>
    public static RefreshScheduleStatus Build(Schedule schedule, ScheduleDecision decision, RefreshRun? run, RefreshPromotedVersion? promoted, RefreshTrial? trial, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(decision);
        var previous = schedule.Status ?? new RefreshScheduleStatus();
        var generation = schedule.Metadata.Generation;
        var suspended = decision.Action == ScheduleAction.Suspended;
        var lastRun = run ?? previous.LastRun;
        var conditions = previous.Conditions;
        conditions = ConditionList.Set(conditions, suspended
            ? Condition(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.SuspendedBySpec, "spec.suspend is true: no run is scheduled", generation, now)
            : Condition(ConditionTypes.Ready, ConditionStatus.True, ScheduledReason, NextRunMessage(decision.Next), generation, now));
        conditions = ConditionList.Set(conditions, suspended
            ? Condition(ConditionTypes.Suspended, ConditionStatus.True, ConditionReasons.SuspendedBySpec, "spec.suspend is true", generation, now)
            : Condition(ConditionTypes.Suspended, ConditionStatus.False, ConditionReasons.NotSuspended, "spec.suspend is false", generation, now));
        conditions = ConditionList.Set(conditions, lastRun?.Result == RefreshRunResult.Failed
            ? Condition(ConditionTypes.Degraded, ConditionStatus.True, LastRunFailedReason, lastRun.Message ?? "the last run failed", generation, now)
            : Condition(ConditionTypes.Degraded, ConditionStatus.False, ConditionReasons.AsExpected, "the last run did not fail", generation, now));
        conditions = ConditionList.Set(conditions, trial is not null
            ? Condition(ConditionTypes.Progressing, ConditionStatus.True, TrialInProgressReason, TrialMessage(trial), generation, now)
            : Condition(ConditionTypes.Progressing, ConditionStatus.False, NoTrialReason, "no candidate is on trial", generation, now));
        return previous with
        {
            ObservedGeneration = generation,
            Conditions = conditions,
            LastScheduleTime = Latest(previous.LastScheduleTime, run?.ScheduledTime, trial?.ScheduledTime),
            NextScheduleTime = decision.Next,
            LastResolvedVersion = run?.Version ?? (trial is not null && previous.Trial is null ? trial.Version : previous.LastResolvedVersion),
            Trial = trial,
            Promoted = promoted ?? previous.Promoted,
            LastRun = lastRun,
            History = run is null ? previous.History : History(run, previous.History, schedule.Spec),
        };
    }

    /// <summary>The status of a spec that cannot be scheduled: Ready=False InvalidSpec; runs and history are kept.</summary>
    public static RefreshScheduleStatus Invalid(Schedule schedule, string message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var previous = schedule.Status ?? new RefreshScheduleStatus();
        var generation = schedule.Metadata.Generation;
        return previous with
        {
            ObservedGeneration = generation,
            Conditions = ConditionList.Set(previous.Conditions, Condition(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.InvalidSpec, message, generation, now)),
            NextScheduleTime = null,
        };
    }

    /// <summary>The runs to keep, newest first: the new run, then the earlier ones, within each kind's limit.</summary>
    public static IReadOnlyList<RefreshRun> History(RefreshRun run, IReadOnlyList<RefreshRun>? earlier, RefreshScheduleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(spec);
        var successLimit = spec.SuccessfulRunsHistoryLimit ?? RefreshScheduleDefaults.SuccessfulRunsHistoryLimit;
        var failureLimit = spec.FailedRunsHistoryLimit ?? RefreshScheduleDefaults.FailedRunsHistoryLimit;
        List<RefreshRun> runs = [run, .. earlier ?? []];
        var kept = new List<RefreshRun>();
        int successes = 0, failures = 0;
        foreach (var entry in runs)
        {
            if (IsFailure(entry.Result) ? failures++ < failureLimit : successes++ < successLimit)
            {
                kept.Add(entry);
            }
        }
        return kept;
    }

    /// <summary>Rejected and Failed runs count against failedRunsHistoryLimit; the others against successfulRunsHistoryLimit.</summary>
    public static bool IsFailure(RefreshRunResult result) => result is RefreshRunResult.Rejected or RefreshRunResult.Failed;

    private static DateTimeOffset? Latest(params DateTimeOffset?[] times) => times.Max();

    private static string TrialMessage(RefreshTrial trial) => trial.ServedAt is { } served
        ? $"version {trial.Version} is judged as a {TrialProgress.PhaseName(trial.Phase)} of the champion {trial.ChampionVersion}, served since {served.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}"
        : $"version {trial.Version} is being put on trial as a {TrialProgress.PhaseName(trial.Phase)} of the champion {trial.ChampionVersion}, waiting for the routers to serve it";

    private static string NextRunMessage(DateTimeOffset? next) =>
        next is { } time ? $"the next run is due at {time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}" : "the schedule has no future time";

    private static Condition Condition(string type, ConditionStatus status, string reason, string message, long? generation, DateTimeOffset now) => new()
    {
        Type = type,
        Status = status,
        Reason = reason,
        Message = message,
        ObservedGeneration = generation,
        LastTransitionTime = now,
    };
}
