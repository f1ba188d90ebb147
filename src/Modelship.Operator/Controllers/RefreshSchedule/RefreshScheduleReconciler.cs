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
using Modelship.Operator.Controllers.RefreshSchedule.Metrics;
using Modelship.Operator.Controllers.RefreshSchedule.Trial;
using Modelship.Operator.Notifications;
using Modelship.Registry;
using Modelship.Registry.Selection;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
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
    RefreshTrials trials,
    IEventRecorder events,
    ILogger<RefreshScheduleReconciler> logger,
    TimeProvider? time = null,
    RefreshBatchRuns? batchRuns = null) : IReconciler, IDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SupersededVersions _superseded = new();

    /// <summary>Counts the runs this reconciler ends; null records none (tests that do not look).</summary>
    public RefreshScheduleMetrics? Metrics { get; init; }

    /// <summary>Where PromotionRejected is queued for the target ModelDeployment's spec.notifications; null: not delivered.</summary>
    public NotificationQueue? Notifications { get; init; }

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
        var errors = RefreshScheduleValidator.Validate(
            schedule.Spec,
            name => resources.ModelDeployments.Get(ns, name) is not null,
            (pipeline, step) => PipelineStepTarget.Problem(resources.Pipelines.Get(ns, pipeline), pipeline, step));
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
        var outcome = await DecideRunAsync(schedule, decision, now, cancellationToken).ConfigureAwait(false);
        var run = outcome.Run;
        var status = RefreshScheduleStatusBuilder.Build(schedule, decision, run, outcome.Promoted, outcome.Trial, _time.GetUtcNow());
        TimeSpan? batchWait = null;
        if (batchRuns is not null)
        {
            var batchTarget = schedule.Spec.Target.ModelDeployment is { } name ? resources.ModelDeployments.Get(ns, name) : null;
            (status, batchWait) = await batchRuns.ReconcileAsync(schedule, status, batchTarget, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        // A run's outcome, and a trial's step, are written whatever the object's resourceVersion is now: the target
        // may already be patched, and a retry would find nothing new and lose the record.
        var acted = run is not null || !ReferenceEquals(outcome.Trial, schedule.Status?.Trial);
        var written = await WriteStatusAsync(key, schedule, status, conditional: !acted, cancellationToken).ConfigureAwait(false);
        if (written.Conflict)
        {
            return ReconcileResult.Requeue;
        }
        if (run is not null)
        {
            RefreshScheduleLog.RunFinished(logger, key.ToString(), run.ScheduledTime, run.Result.ToString(), run.Message ?? "");
            Metrics?.RunEnded(schedule, run.Result);
        }
        await RecordTransitionsAsync(schedule, status, written.Object, cancellationToken).ConfigureAwait(false);
        return RefreshBatchRuns.Requeue(RefreshScheduling.WaitBeforeNext(decision, _time.GetUtcNow()), outcome.Wait, batchWait);
    }

    /// <summary>
    /// What this reconcile does: advance a trial in progress; run (or skip) a due run. A run due while a trial is in
    /// progress is Skipped under concurrencyPolicy Forbid; under Replace it withdraws the candidate on trial first (the
    /// run itself comes at the next reconcile, right after: one run is recorded per status write).
    /// </summary>
    private async Task<RunOutcome> DecideRunAsync(Schedule schedule, ScheduleDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var spec = schedule.Spec;
        var target = spec.Target.ModelDeployment is { } name ? resources.ModelDeployments.Get(schedule.Metadata.NamespaceProperty, name) : null;
        var due = decision.Action == ScheduleAction.Run;
        if (schedule.Status?.Trial is { } trial)
        {
            var replace = due && spec.ConcurrencyPolicy == RefreshConcurrencyPolicy.Replace;
            var step = replace
                ? await trials.WithdrawAsync(trial, target, $"version {trial.Version} withdrawn from its trial by the run scheduled for {decision.ScheduledTime:O} (concurrencyPolicy Replace)", cancellationToken).ConfigureAwait(false)
                : await trials.AdvanceAsync(schedule, trial, target, cancellationToken).ConfigureAwait(false);
            if (step.Note is { } note)
            {
                RefreshScheduleLog.TrialWaits(logger, $"{schedule.Metadata.NamespaceProperty}/{schedule.Metadata.Name}", trial.Version, note);
            }
            if (step.Finished is not null || replace)
            {
                // A due run comes at the next reconcile: its scheduled time is still after status.lastScheduleTime.
                return new RunOutcome(step.Finished, step.Promoted, step.Trial, due ? TimeSpan.Zero : step.Wait);
            }
            if (due)
            {
                var skipped = Skipped(decision, now, $"version {trial.Version} is still on trial; concurrencyPolicy Forbid skips this run");
                return new RunOutcome(skipped, null, step.Trial, step.Wait);
            }
            return new RunOutcome(null, null, step.Trial, step.Wait);
        }
        return decision.Action switch
        {
            ScheduleAction.SkipMissed => new RunOutcome(
                Skipped(decision, now, $"the run scheduled for {decision.ScheduledTime:O} was missed by more than startingDeadlineSeconds ({spec.StartingDeadlineSeconds} s)"),
                null, null, null),
            ScheduleAction.Run when spec.Source is null && spec.Batch is not null => new RunOutcome(RefreshBatchRuns.BatchOnlyRun(decision.ScheduledTime!.Value, now), null, null, null),
            ScheduleAction.Run => await RunAsync(schedule, target, decision.ScheduledTime!.Value, now, cancellationToken).ConfigureAwait(false),
            _ => new RunOutcome(null, null, null, null),
        };
    }

    private static RefreshRun Skipped(ScheduleDecision decision, DateTimeOffset now, string message) => new()
    {
        ScheduledTime = decision.ScheduledTime,
        StartedAt = now,
        FinishedAt = now,
        Result = RefreshRunResult.Skipped,
        Message = message,
    };

    /// <summary>One run: never throws for a problem of the source, a Secret or the target; those end the run as Failed.</summary>
    private async Task<RunOutcome> RunAsync(Schedule schedule, MD? target, DateTimeOffset scheduledTime, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var ns = schedule.Metadata.NamespaceProperty;
        var spec = schedule.Spec;
        RunOutcome Finish(RefreshRunResult result, string message, ModelVersion? candidate = null, IReadOnlyList<RefreshCheckResult>? checks = null, RefreshPromotedVersion? promoted = null) => new(new RefreshRun
        {
            ScheduledTime = scheduledTime,
            Version = candidate?.Version,
            StartedAt = startedAt,
            FinishedAt = _time.GetUtcNow(),
            Result = result,
            Checks = checks is { Count: > 0 } ? checks : null,
            Message = message,
        }, promoted, null, null);

        var pipelineTarget = spec.Target.Pipeline;
        var pipeline = pipelineTarget is null ? null : resources.Pipelines.Get(ns, pipelineTarget.Name);
        ModelSpec champion;
        if (pipelineTarget is not null)
        {
            if (PipelineStepTarget.Problem(pipeline, pipelineTarget.Name, pipelineTarget.Step) is { } problem)
            {
                return Finish(RefreshRunResult.Failed, problem);
            }
            champion = PipelineStepTarget.Champion(pipeline!, pipelineTarget.Step)!;
        }
        else if (target is null)
        {
            return Finish(RefreshRunResult.Failed, $"ModelDeployment {spec.Target.ModelDeployment} does not exist");
        }
        else if (RefreshRunDecisions.SkipForRolloutInProgress(spec.ConcurrencyPolicy, target) is { } skip)
        {
            return Finish(RefreshRunResult.Skipped, skip);
        }
        else
        {
            champion = target.Spec.Model;
        }
        IReadOnlyList<ModelVersion> versions;
        try
        {
            versions = await registry.ListAsync(ns, spec.Source, spec.Selection, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelSourceException e)
        {
            return Finish(RefreshRunResult.Failed, $"the source failed ({e.Kind}): {e.Message}");
        }
        catch (SourceSecretException e)
        {
            return Finish(RefreshRunResult.Failed, e.Message);
        }
        catch (ArgumentException e)
        {
            return Finish(RefreshRunResult.Failed, $"the source cannot be used: {e.Message}");
        }
        catch (KubernetesApiException e)
        {
            return Finish(RefreshRunResult.Failed, $"reading a Secret of the source failed: {e.Message}");
        }

        var selection = VersionSelection.Select(versions, RefreshRunDecisions.Criteria(spec.Selection));
        var decision = RefreshRunDecisions.Decide(versions, selection, champion, schedule.Status?.Promoted, spec.Promotion);
        if (target is not null && InterruptedPromotion.Recognize(schedule, target, decision, _time.GetUtcNow()) is { } interrupted)
        {
            return Finish(RefreshRunResult.Promoted, InterruptedPromotion.Message(interrupted.Version), decision.Candidate, promoted: interrupted);
        }
        if (decision is not { Result: RefreshRunResult.Promoted, Model: { } model, Candidate: { } candidate })
        {
            return Finish(decision.Result, decision.Message, decision.Candidate, decision.Checks);
        }
        if (target is not null && (spec.Promotion?.Strategy ?? RefreshPromotionStrategy.Replace) != RefreshPromotionStrategy.Replace)
        {
            var trial = trials.Begin(spec.Promotion, scheduledTime, startedAt, candidate, model, target.Spec.Model.Version, decision.Checks);
            var step = await trials.AdvanceAsync(schedule, trial, target, cancellationToken).ConfigureAwait(false);
            return new RunOutcome(step.Finished, step.Promoted, step.Trial, step.Wait);
        }
        var targetName = target is not null ? $"ModelDeployment {target.Metadata.Name}" : $"step {pipelineTarget!.Step} of Pipeline {pipelineTarget.Name}";
        try
        {
            if (target is not null)
            {
                await resources.ModelDeploymentClient.MergePatchAsync(ns, target.Metadata.Name!, TargetModelPatch.Build(model, schedule.Metadata.Name!), TargetModelPatch.FieldManager, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var patch = PipelineStepTarget.Promote(pipeline!, pipelineTarget!.Step, model, schedule.Metadata.Name!);
                await resources.PipelineClient.MergePatchAsync(ns, pipeline!.Metadata.Name!, patch, TargetModelPatch.FieldManager, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (KubernetesApiException e)
        {
            return Finish(RefreshRunResult.Failed, $"patching {targetName} to version {candidate.Version} failed: {e.Message}", candidate, decision.Checks);
        }
        var key = $"{ns}/{schedule.Metadata.Name}";
        RefreshScheduleLog.Promoted(logger, key, candidate.Version, model.Uri, targetName);
        var promoted = new RefreshPromotedVersion
        {
            Version = model.Version,
            Uri = model.Uri,
            PromotedAt = _time.GetUtcNow(),
            Metrics = candidate.Metrics.Count > 0 ? new Dictionary<string, double>(candidate.Metrics, StringComparer.Ordinal) : null,
        };
        return Finish(RefreshRunResult.Promoted, decision.Message, candidate, decision.Checks, promoted);
    }

    public void Dispose() => Metrics?.Dispose();

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
        if (Notifications is not null && PromotionNotifications.From(read.Status, status) is { } rejected
            && written.Spec.Target?.ModelDeployment is { } targetName
            && resources.ModelDeployments.Get(written.Metadata.NamespaceProperty, targetName) is { Spec.Notifications: { Count: > 0 } notifications } target)
        {
            foreach (var work in NotificationWork.For(target, notifications, [rejected], _time.GetUtcNow()))
            {
                Notifications.TryEnqueue(work);
            }
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

/// <summary>What a reconcile recorded: a run that ended (or was skipped), the version it promoted, the trial in progress, when to look again.</summary>
internal sealed record RunOutcome(RefreshRun? Run, RefreshPromotedVersion? Promoted, RefreshTrial? Trial, TimeSpan? Wait);
