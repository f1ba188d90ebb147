using System.Text.Json;
using k8s.Models;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.RefreshSchedule.Batch;

/// <summary>
/// status.lastBatch from a batch Job and its Pods (pure): the Job's Complete/Failed conditions say how it ended; the
/// summary `modelship batch` wrote to its termination message (JSON: rows, failures, durationSeconds, output,
/// message) says what it did, read from the newest Pod whose batch container terminated.
/// </summary>
public static class RefreshBatchStatus
{
    public static RefreshBatchRun From(RefreshBatchRun started, V1Job job, IEnumerable<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(started);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(pods);
        var conditions = job.Status?.Conditions ?? [];
        var complete = conditions.FirstOrDefault(c => c.Type == "Complete" && c.Status == "True");
        var failed = conditions.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True");
        var summary = pods
            .Select(p => (Pod: p, Terminated: p.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == RefreshBatchJobBuilder.ContainerName)?.State?.Terminated))
            .Where(p => p.Terminated is not null)
            .OrderByDescending(p => p.Terminated!.FinishedAt ?? DateTime.MinValue)
            .Select(p => Summary.Parse(p.Terminated!.Message))
            .FirstOrDefault(s => s is not null);
        var result = complete is not null ? RefreshBatchResult.Succeeded : failed is not null ? RefreshBatchResult.Failed : RefreshBatchResult.Running;
        var finishedAt = result == RefreshBatchResult.Running ? (DateTime?)null : job.Status?.CompletionTime ?? (complete ?? failed)!.LastTransitionTime;
        return started with
        {
            Result = result,
            FinishedAt = finishedAt is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null,
            Rows = summary?.Rows ?? started.Rows,
            Failures = summary?.Failures ?? started.Failures,
            DurationSeconds = summary?.DurationSeconds ?? started.DurationSeconds,
            Output = summary?.Output ?? started.Output,
            Message = result switch
            {
                RefreshBatchResult.Running => $"Job {job.Metadata.Name} is running",
                RefreshBatchResult.Succeeded => summary is null
                    ? $"Job {job.Metadata.Name} completed"
                    : $"{summary.Rows} rows, {summary.Failures} failed, in {summary.DurationSeconds:0.###} s; output {summary.Output}",
                _ => summary?.Message ?? failed?.Message ?? $"Job {job.Metadata.Name} failed",
            },
        };
    }

    /// <summary>The Job is gone (deleted, or its TTL passed before the operator looked): the run failed unless it was recorded as finished.</summary>
    public static RefreshBatchRun Missing(RefreshBatchRun started, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(started);
        return started.Result != RefreshBatchResult.Running
            ? started
            : started with { Result = RefreshBatchResult.Failed, FinishedAt = now, Message = $"Job {started.JobName} no longer exists; its outcome is unknown" };
    }

    /// <summary>The part of `modelship batch`'s JSON summary the status shows; null when the message is not one.</summary>
    private sealed record Summary(long Rows, long Failures, double? DurationSeconds, string? Output, string? Message)
    {
        public static Summary? Parse(string? message)
        {
            if (string.IsNullOrWhiteSpace(message))
            {
                return null;
            }
            try
            {
                using var document = JsonDocument.Parse(message);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rows", out var rows) || !rows.TryGetInt64(out var rowCount))
                {
                    return null;
                }
                return new Summary(
                    rowCount,
                    root.TryGetProperty("failures", out var failures) && failures.TryGetInt64(out var failureCount) ? failureCount : 0,
                    root.TryGetProperty("durationSeconds", out var duration) && duration.TryGetDouble(out var seconds) ? seconds : null,
                    root.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.String ? output.GetString() : null,
                    root.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
