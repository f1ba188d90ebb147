using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.RefreshSchedule.Batch;

/// <summary>What the batch part of a reconcile does now.</summary>
public enum BatchStep
{
    /// <summary>No batch is configured, due or running.</summary>
    None,

    /// <summary>A batch is due but the promoted version is still rolling out: look again later.</summary>
    WaitForRollout,

    /// <summary>Create the Job for <see cref="BatchDecision.ScheduledTime"/>.</summary>
    Start,

    /// <summary>The last batch Job is running: read its state.</summary>
    Track,
}

public sealed record BatchDecision(BatchStep Step, DateTimeOffset? ScheduledTime = null);

/// <summary>
/// When a batch Job runs (pure): after each run that reached the target (Promoted, Rejected, NoNewVersion, and
/// BatchOnly for a schedule without a source), once per scheduled time; after a promotion only once the target has
/// rolled the new version out, so the batch is answered by the new champion. Not after Skipped or Failed runs.
/// </summary>
public static class RefreshBatchTrigger
{
    public static BatchDecision Decide(RefreshScheduleSpec spec, RefreshScheduleStatus status, MD? target)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(status);
        if (spec.Batch is not null
            && status.LastRun is { ScheduledTime: { } scheduled } run
            && run.Result is RefreshRunResult.Promoted or RefreshRunResult.Rejected or RefreshRunResult.NoNewVersion or RefreshRunResult.BatchOnly
            && (status.LastBatch?.ScheduledTime is not { } last || last < scheduled))
        {
            if (run.Result == RefreshRunResult.Promoted && !RolledOut(target, run.Version))
            {
                return new BatchDecision(BatchStep.WaitForRollout, scheduled);
            }
            return new BatchDecision(BatchStep.Start, scheduled);
        }
        return status.LastBatch is { Result: RefreshBatchResult.Running } ? new BatchDecision(BatchStep.Track) : new BatchDecision(BatchStep.None);
    }

    /// <summary>The target serves <paramref name="version"/> as its champion, with no rollout under way.</summary>
    public static bool RolledOut(MD? target, string? version) =>
        target is { Status: { } status }
        && status.ObservedGeneration >= target.Metadata.Generation
        && status.PendingModel is null
        && (version is null || status.ActiveModel?.Version == version);
}
