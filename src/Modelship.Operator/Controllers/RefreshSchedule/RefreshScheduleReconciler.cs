using Microsoft.Extensions.Logging;
using Modelship.Api.Scheduling;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Events;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.RefreshSchedule.Batch;
using Modelship.Registry;
using Modelship.Registry.Selection;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.Operator.Controllers.RefreshSchedule;

/// <summary>
/// Runs a RefreshSchedule when its schedule says so: lists the source's versions, selects one, compares it with the
/// target's champion and promotes it by patching the target ModelDeployment's spec.model. It has no timers: a
/// reconcile that finds nothing due asks to be requeued at the next scheduled time (from the injected
/// <see cref="TimeProvider"/>). The decisions are pure (<see cref="RefreshScheduling"/>, <see cref="RefreshRunDecisions"/>,
/// <see cref="RefreshScheduleStatusBuilder"/>, <see cref="RefreshScheduleTransitions"/>); status is written once per
/// run, Events after the write.
/// </summary>
public sealed class RefreshScheduleReconciler(
    RefreshScheduleResources resources,
    RegistryVersions registry,
    IEventRecorder events,
    ILogger<RefreshScheduleReconciler> logger,
    TimeProvider? time = null,
    RefreshBatchRuns? batchRuns = null) : IReconciler
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SupersededVersions _superseded = new();

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var schedule = resources.Schedules.Get(key);
        if (schedule is null || schedule.Metadata.DeletionTimestamp is not null)
        {
            _superseded.Forget(key);
            return ReconcileResult.Done;
        }
        if (_superseded.IsSuperseded(key, schedule.Metadata.ResourceVersion))
        {
            RefreshScheduleLog.CacheBehind(logger, key.ToString(), schedule.Metadata.ResourceVersion);
            return ReconcileResult.Done;
        }
        RefreshScheduleLog.Reconciling(logger, key.ToString(), schedule.Metadata.ResourceVersion);
        var now = _time.GetUtcNow();
        var ns = schedule.Metadata.NamespaceProperty;
        var errors = RefreshScheduleValidator.Validate(schedule.Spec, name => resources.ModelDeployments.Get(ns, name) is not null);
        if (errors.Count > 0 || !CronSchedule.TryParse(schedule.Spec.Schedule, schedule.Spec.TimeZone, out var cron, out _, out _))
        {
            return await InvalidAsync(key, schedule, string.Join("; ", errors.Select(e => e.Message)), now, cancellationToken).ConfigureAwait(false);
        }

        var decision = RefreshScheduling.Decide(cron!, new ScheduleFacts(
            now,
            schedule.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : now,
            schedule.Status?.LastScheduleTime,
            schedule.Spec.StartingDeadlineSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            schedule.Spec.Suspend ?? false));
        RefreshRun? run = null;
        RefreshPromotedVersion? promoted = null;
        switch (decision.Action)
        {
            case ScheduleAction.SkipMissed:
                run = new RefreshRun
                {
                    ScheduledTime = decision.ScheduledTime,
                    StartedAt = now,
                    FinishedAt = now,
                    Result = RefreshRunResult.Skipped,
                    Message = $"the run scheduled for {decision.ScheduledTime:O} was missed by more than startingDeadlineSeconds ({schedule.Spec.StartingDeadlineSeconds} s)",
                };
                break;
            case ScheduleAction.Run:
                (run, promoted) = schedule.Spec.Source is null && schedule.Spec.Batch is not null
                    ? (RefreshBatchRuns.BatchOnlyRun(decision.ScheduledTime!.Value, now), null)
                    : await RunAsync(schedule, decision.ScheduledTime!.Value, now, cancellationToken).ConfigureAwait(false);
                break;
        }
        var status = RefreshScheduleStatusBuilder.Build(schedule, decision, run, promoted, _time.GetUtcNow());
        TimeSpan? batchWait = null;
        if (batchRuns is not null)
        {
            (status, batchWait) = await batchRuns.ReconcileAsync(schedule, status, resources.ModelDeployments.Get(ns, schedule.Spec.Target.ModelDeployment), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        // A run's outcome is written whatever the object's resourceVersion is now: the target may already be
        // patched, and a retry would find nothing new and lose the record of the promotion.
        var written = await WriteStatusAsync(key, schedule, status, conditional: run is null, cancellationToken).ConfigureAwait(false);
        if (written.Conflict)
        {
            return ReconcileResult.Requeue;
        }
        if (run is not null)
        {
            RefreshScheduleLog.RunFinished(logger, key.ToString(), run.ScheduledTime, run.Result.ToString(), run.Message ?? "");
        }
        await RecordTransitionsAsync(schedule, status, written.Object, cancellationToken).ConfigureAwait(false);
        return RefreshBatchRuns.Requeue(RefreshScheduling.WaitBeforeNext(decision, _time.GetUtcNow()), batchWait);
    }

    /// <summary>One run: never throws for a problem of the source, a Secret or the target; those end the run as Failed.</summary>
    private async Task<(RefreshRun Run, RefreshPromotedVersion? Promoted)> RunAsync(Schedule schedule, DateTimeOffset scheduledTime, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var ns = schedule.Metadata.NamespaceProperty;
        var spec = schedule.Spec;
        RefreshRun Finish(RefreshRunResult result, string message, ModelVersion? candidate = null, IReadOnlyList<RefreshCheckResult>? checks = null) => new()
        {
            ScheduledTime = scheduledTime,
            Version = candidate?.Version,
            StartedAt = startedAt,
            FinishedAt = _time.GetUtcNow(),
            Result = result,
            Checks = checks is { Count: > 0 } ? checks : null,
            Message = message,
        };

        if (resources.ModelDeployments.Get(ns, spec.Target.ModelDeployment) is not { } target)
        {
            return (Finish(RefreshRunResult.Failed, $"ModelDeployment {spec.Target.ModelDeployment} does not exist"), null);
        }
        if (RefreshRunDecisions.SkipForRolloutInProgress(spec.ConcurrencyPolicy, target) is { } skip)
        {
            return (Finish(RefreshRunResult.Skipped, skip), null);
        }
        IReadOnlyList<ModelVersion> versions;
        try
        {
            versions = await registry.ListAsync(ns, spec.Source, spec.Selection, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelSourceException e)
        {
            return (Finish(RefreshRunResult.Failed, $"the source failed ({e.Kind}): {e.Message}"), null);
        }
        catch (SourceSecretException e)
        {
            return (Finish(RefreshRunResult.Failed, e.Message), null);
        }
        catch (ArgumentException e)
        {
            return (Finish(RefreshRunResult.Failed, $"the source cannot be used: {e.Message}"), null);
        }
        catch (KubernetesApiException e)
        {
            return (Finish(RefreshRunResult.Failed, $"reading a Secret of the source failed: {e.Message}"), null);
        }

        var selection = VersionSelection.Select(versions, RefreshRunDecisions.Criteria(spec.Selection));
        var decision = RefreshRunDecisions.Decide(versions, selection, target.Spec.Model, schedule.Status?.Promoted, spec.Promotion);
        if (decision is not { Result: RefreshRunResult.Promoted, Model: { } model, Candidate: { } candidate })
        {
            return (Finish(decision.Result, decision.Message, decision.Candidate, decision.Checks), null);
        }
        try
        {
            await resources.ModelDeploymentClient.MergePatchAsync(ns, target.Metadata.Name!, TargetModelPatch.Build(model), TargetModelPatch.FieldManager, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e)
        {
            return (Finish(RefreshRunResult.Failed, $"patching ModelDeployment {target.Metadata.Name} to version {candidate.Version} failed: {e.Message}", candidate, decision.Checks), null);
        }
        var key = $"{ns}/{schedule.Metadata.Name}";
        RefreshScheduleLog.Promoted(logger, key, candidate.Version, model.Uri, target.Metadata.Name!);
        var promoted = new RefreshPromotedVersion
        {
            Version = model.Version,
            Uri = model.Uri,
            PromotedAt = _time.GetUtcNow(),
            Metrics = candidate.Metrics.Count > 0 ? new Dictionary<string, double>(candidate.Metrics, StringComparer.Ordinal) : null,
        };
        return (Finish(RefreshRunResult.Promoted, decision.Message, candidate, decision.Checks), promoted);
    }

    private async Task<ReconcileResult> InvalidAsync(ObjectKey key, Schedule schedule, string message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = RefreshScheduleStatusBuilder.Invalid(schedule, message, now);
        var written = await WriteStatusAsync(key, schedule, status, conditional: true, cancellationToken).ConfigureAwait(false);
        if (written.Conflict)
        {
            return ReconcileResult.Requeue;
        }
        if (written.Object is not null)
        {
            RefreshScheduleLog.InvalidSpec(logger, key.ToString(), message);
        }
        await RecordTransitionsAsync(schedule, status, written.Object, cancellationToken).ConfigureAwait(false);
        // A fixed spec or a created target (watched) reconciles it again.
        return ReconcileResult.Done;
    }

    private async Task RecordTransitionsAsync(Schedule read, RefreshScheduleStatus status, Schedule? written, CancellationToken cancellationToken)
    {
        if (written is null)
        {
            return;
        }
        foreach (var transition in RefreshScheduleTransitions.Events(read.Status, status))
        {
            await events.RecordAsync(written, transition.Type, transition.Reason, transition.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Merge-patches status when it differs. <paramref name="conditional"/>: only over the resourceVersion it was
    /// computed from (409 Conflict: retried on the current object).
    /// </summary>
    private async Task<StatusWrite<Schedule>> WriteStatusAsync(ObjectKey key, Schedule schedule, RefreshScheduleStatus status, bool conditional, CancellationToken cancellationToken)
    {
        var written = await ConditionalStatusPatch.WriteAsync(
            resources.ScheduleClient, key, schedule, schedule.Status, status, ModelshipApiJsonContext.Default.RefreshScheduleStatus, _superseded, cancellationToken, conditional).ConfigureAwait(false);
        if (written.Conflict)
        {
            RefreshScheduleLog.StatusConflict(logger, key.ToString(), schedule.Metadata.ResourceVersion);
        }
        return written;
    }
}
