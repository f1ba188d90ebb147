using System.ComponentModel;
using Modelship.Api.Conditions;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>The observed state of a <see cref="RefreshSchedule"/>, written by the operator.</summary>
public sealed record RefreshScheduleStatus
{
    [Description("ObservedGeneration is the metadata.generation this status was computed from.")]
    public long? ObservedGeneration { get; init; }

    [Description("Conditions are the latest observations, one per type: Ready (the schedule is valid and runs; an invalid spec is Ready=False with reason InvalidSpec and a message naming the field), Suspended and Degraded (the last run Failed).")]
    [ListMapKeys("type")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [Description("LastScheduleTime is the scheduled time of the last run that started or was skipped.")]
    public DateTimeOffset? LastScheduleTime { get; init; }

    [Description("NextScheduleTime is when the next run is due; absent while suspended or invalid.")]
    public DateTimeOffset? NextScheduleTime { get; init; }

    [Description("LastResolvedVersion is the version the selection chose in the last run that reached the source.")]
    public string? LastResolvedVersion { get; init; }

    [Description("Promoted is the last version this schedule made the champion, with the registry metrics it had: the champion's side of later metric checks while it is still the target's champion.")]
    public RefreshPromotedVersion? Promoted { get; init; }

    [Description("Trial is the candidate being judged on live traffic by a Canary or ShadowFirst promotion, absent when none is. The run it belongs to ends (lastRun, history) when the trial does.")]
    public RefreshTrial? Trial { get; init; }

    [Description("LastRun is the outcome of the last run.")]
    public RefreshRun? LastRun { get; init; }

    [Description("LastBatch is the last batch prediction Job (spec.batch) and its outcome.")]
    public RefreshBatchRun? LastBatch { get; init; }

    [Description("History holds the latest runs, newest first: at most spec.successfulRunsHistoryLimit Promoted, NoNewVersion or Skipped runs and spec.failedRunsHistoryLimit Rejected or Failed runs.")]
    [MaxItems(2 * RefreshScheduleDefaults.MaxRunsHistoryLimit)]
    public IReadOnlyList<RefreshRun>? History { get; init; }
}

/// <summary>A version a RefreshSchedule promoted, with its registry metrics.</summary>
public sealed record RefreshPromotedVersion
{
    [Description("Version that was promoted.")]
    public required string Version { get; init; }

    [Description("URI the target's spec.model was given.")]
    public required string Uri { get; init; }

    [Description("PromotedAt is when the target's spec was changed.")]
    public required DateTimeOffset PromotedAt { get; init; }

    [Description("Metrics are the registry-reported metrics of the version when it was promoted.")]
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }
}

/// <summary>One run of a RefreshSchedule.</summary>
public sealed record RefreshRun
{
    [Description("ScheduledTime is the scheduled time the run was for.")]
    public DateTimeOffset? ScheduledTime { get; init; }

    [Description("Version is the candidate version the selection chose, when it chose one.")]
    public string? Version { get; init; }

    [Description("StartedAt is when the run started.")]
    public required DateTimeOffset StartedAt { get; init; }

    [Description("FinishedAt is when the run finished.")]
    public DateTimeOffset? FinishedAt { get; init; }

    [Description("Result: Promoted (the candidate became the target's champion), Rejected (a metric check failed; the champion stays), Failed (the source, a Secret or the target could not be used), Skipped (a missed start or a rollout in progress under concurrencyPolicy Forbid) NoNewVersion (the candidate is already the champion) or BatchOnly (a schedule without a source: the run started the batch prediction).")]
    public required RefreshRunResult Result { get; init; }

    [Description("Checks are the metric checks of the candidate against the champion, every one of them, in spec order.")]
    public IReadOnlyList<RefreshCheckResult>? Checks { get; init; }

    [Description("Message says what happened, for people.")]
    public string? Message { get; init; }
}

/// <summary>One metric check of a run.</summary>
public sealed record RefreshCheckResult
{
    [Description("Name of the metric; a Traffic check's name says the phase it was measured in, such as errorRate (shadow) or latencyP99 (canary).")]
    public required string Name { get; init; }

    [Description("Champion is the champion's recorded value; absent when none is recorded.")]
    public double? Champion { get; init; }

    [Description("Candidate is the candidate's registry-reported value; absent when the registry reports none.")]
    public double? Candidate { get; init; }

    [Description("Verdict: Passed, Failed, or NoBaseline (a Registry check with no champion value to compare with: passes).")]
    public required RefreshCheckVerdict Verdict { get; init; }

    [Description("Message explains the verdict, such as the regression against the allowed one.")]
    public string? Message { get; init; }
}
