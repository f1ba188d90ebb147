using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>The desired state of a <see cref="RefreshSchedule"/>.</summary>
public sealed record RefreshScheduleSpec
{
    [Description("Schedule is a cron expression with 5 fields (minute hour day-of-month month day-of-week), such as \"0 3 * * *\", or one of the macros @hourly, @daily, @weekly, @monthly and @yearly.")]
    [Length(1, 256)]
    public required string Schedule { get; init; }

    [Description("TimeZone is the IANA time zone the schedule is read in, such as Europe/Berlin. Defaults to UTC. Daylight-saving transitions are handled: a time skipped by the clock change runs at the transition, a time repeated runs once.")]
    public string? TimeZone { get; init; }

    [Description("Suspend stops scheduling runs; runs missed while suspended follow startingDeadlineSeconds when it is set back to false. Defaults to false.")]
    [DefaultValue(RefreshScheduleDefaults.Suspend)]
    public bool? Suspend { get; init; }

    [Description("StartingDeadlineSeconds is how late a run may start after its scheduled time (for instance after the operator was down). A run missed by more is recorded as Skipped and the next one is awaited, as a CronJob does. When absent, a missed run starts as soon as the operator sees it.")]
    [Minimum(0)]
    public long? StartingDeadlineSeconds { get; init; }

    [Description("ConcurrencyPolicy says what a run does while the target is still rolling out a version: Forbid skips the run (recorded as Skipped), Replace makes the new candidate the champion in place of the one being rolled out. Defaults to Forbid.")]
    [DefaultValue(RefreshScheduleDefaults.ConcurrencyPolicy)]
    public RefreshConcurrencyPolicy? ConcurrencyPolicy { get; init; }

    [Description("Target is the deployment whose champion this schedule keeps up to date.")]
    public required RefreshTarget Target { get; init; }

    [Description("Source is where the model's versions are listed: set exactly one of directory, http, mlflow and s3. May be left out when batch is set: each scheduled time then only runs the batch prediction.")]
    public RefreshSource? Source { get; init; }

    [Description("Selection says which of the listed versions is the candidate. Defaults to the newest by created time.")]
    public RefreshSelection? Selection { get; init; }

    [Description("Promotion says how a candidate becomes the champion and what it must pass first.")]
    public RefreshPromotion? Promotion { get; init; }

    [Description("Batch runs a batch prediction Job through the target's stable endpoint after each refresh run (after the rollout of a promoted version), or on each scheduled time when there is no source.")]
    public RefreshBatch? Batch { get; init; }

    [Description("SuccessfulRunsHistoryLimit is how many runs that ended Promoted, NoNewVersion or Skipped status.history keeps. Defaults to 3.")]
    [Minimum(0)]
    [Maximum(RefreshScheduleDefaults.MaxRunsHistoryLimit)]
    [DefaultValue(RefreshScheduleDefaults.SuccessfulRunsHistoryLimit)]
    public int? SuccessfulRunsHistoryLimit { get; init; }

    [Description("FailedRunsHistoryLimit is how many runs that ended Rejected or Failed status.history keeps. Defaults to 1.")]
    [Minimum(0)]
    [Maximum(RefreshScheduleDefaults.MaxRunsHistoryLimit)]
    [DefaultValue(RefreshScheduleDefaults.FailedRunsHistoryLimit)]
    public int? FailedRunsHistoryLimit { get; init; }
}
