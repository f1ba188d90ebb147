using k8s.Models;
using Microsoft.Extensions.Logging;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Controllers;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Rbac;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.Operator.Controllers.RefreshSchedule.Batch;

/// <summary>
/// The batch part of a RefreshSchedule reconcile, kept out of the reconciler: decides with
/// <see cref="RefreshBatchTrigger"/>, creates the Job from <see cref="RefreshBatchJobBuilder"/>, and follows it into
/// status.lastBatch with <see cref="RefreshBatchStatus"/>. While a Job runs or a rollout is awaited it asks to look
/// again after <see cref="PollInterval"/> (no Job informer: one GET per interval for the few running batch Jobs).
/// </summary>
[RbacRule(Group = "batch", Resources = ["jobs"], Verbs = ["get", "list", "watch", "create"])]
[RbacRule(Resources = ["pods"], Verbs = ["get", "list", "watch"])]
public sealed class RefreshBatchRuns(ResourceClient<V1Job> jobs, ResourceClient<V1Pod> pods, ModelDeploymentBuildOptions options, ILogger logger)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);

    /// <summary>The run record of a schedule without a source: it only starts the batch.</summary>
    public static RefreshRun BatchOnlyRun(DateTimeOffset scheduledTime, DateTimeOffset now) => new()
    {
        ScheduledTime = scheduledTime,
        StartedAt = now,
        FinishedAt = now,
        Result = RefreshRunResult.BatchOnly,
        Message = "no spec.source: the run starts the batch prediction (status.lastBatch)",
    };

    /// <summary>The earliest of the waits asked for (the schedule's, a trial's, the batch's); none: no requeue.</summary>
    public static ReconcileResult Requeue(params TimeSpan?[] waits) =>
        waits.Min() is { } earliest ? ReconcileResult.RequeueAfter(earliest) : ReconcileResult.Done;

    /// <summary><paramref name="status"/> with lastBatch brought up to date, and when to look again (null: no need).</summary>
    public async Task<(RefreshScheduleStatus Status, TimeSpan? LookAgain)> ReconcileAsync(
        Schedule schedule, RefreshScheduleStatus status, MD? target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(status);
        var key = $"{schedule.Metadata.NamespaceProperty}/{schedule.Metadata.Name}";
        var decision = RefreshBatchTrigger.Decide(schedule.Spec, status, target);
        switch (decision.Step)
        {
            case BatchStep.WaitForRollout:
                return (status, PollInterval);
            case BatchStep.Start when target is not null:
                var started = await StartAsync(key, schedule, target, decision.ScheduledTime!.Value, now, cancellationToken).ConfigureAwait(false);
                return (status with { LastBatch = started }, started.Result == RefreshBatchResult.Running ? PollInterval : null);
            case BatchStep.Start:
                return (status with
                {
                    LastBatch = new RefreshBatchRun
                    {
                        JobName = RefreshBatchJobBuilder.JobName(schedule.Metadata.Name!, decision.ScheduledTime!.Value),
                        ScheduledTime = decision.ScheduledTime,
                        StartedAt = now,
                        FinishedAt = now,
                        Result = RefreshBatchResult.Failed,
                        Message = $"ModelDeployment {schedule.Spec.Target?.ModelDeployment} does not exist",
                    },
                }, null);
            case BatchStep.Track:
                var tracked = await TrackAsync(key, schedule.Metadata.NamespaceProperty, status.LastBatch!, now, cancellationToken).ConfigureAwait(false);
                return (status with { LastBatch = tracked }, tracked.Result == RefreshBatchResult.Running ? PollInterval : null);
            default:
                return (status, null);
        }
    }

    private async Task<RefreshBatchRun> StartAsync(string key, Schedule schedule, MD target, DateTimeOffset scheduledTime, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var job = RefreshBatchJobBuilder.Build(schedule, target, scheduledTime, options);
        var run = new RefreshBatchRun
        {
            JobName = job.Metadata.Name,
            ScheduledTime = scheduledTime,
            StartedAt = now,
            Result = RefreshBatchResult.Running,
            Output = RefreshBatchJobBuilder.OutputUri(schedule.Spec.Batch!, scheduledTime),
            Message = $"Job {job.Metadata.Name} is running",
        };
        try
        {
            await jobs.CreateAsync(job, cancellationToken: cancellationToken).ConfigureAwait(false);
            RefreshBatchLog.JobStarted(logger, key, job.Metadata.Name, scheduledTime);
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            // Created by an earlier reconcile whose status write did not land: follow that Job.
        }
        catch (KubernetesApiException e)
        {
            RefreshBatchLog.JobCreateFailed(logger, key, job.Metadata.Name, e.Message);
            return run with { Result = RefreshBatchResult.Failed, FinishedAt = now, Message = $"creating Job {job.Metadata.Name} failed: {e.Message}" };
        }
        return run;
    }

    private async Task<RefreshBatchRun> TrackAsync(string key, string ns, RefreshBatchRun running, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var job = await jobs.GetOrNullAsync(ns, running.JobName, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return RefreshBatchStatus.Missing(running, now);
        }
        var tracked = RefreshBatchStatus.From(running, job, []);
        if (tracked.Result == RefreshBatchResult.Running)
        {
            return tracked;
        }
        // Finished: the summary is in a Pod's termination message.
        var jobPods = await pods.ListAsync(ns, new ListOptions { LabelSelector = $"job-name={running.JobName}" }, cancellationToken).ConfigureAwait(false);
        tracked = RefreshBatchStatus.From(running, job, jobPods.Items ?? []);
        RefreshBatchLog.JobFinished(logger, key, running.JobName, tracked.Result.ToString(), tracked.Message ?? "");
        return tracked;
    }
}
