using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>The last batch prediction Job of a RefreshSchedule.</summary>
public sealed record RefreshBatchRun
{
    [Description("JobName is the Job that runs (or ran) the batch, in the RefreshSchedule's namespace.")]
    public required string JobName { get; init; }

    [Description("ScheduledTime is the scheduled time of the run the batch followed.")]
    public DateTimeOffset? ScheduledTime { get; init; }

    [Description("StartedAt is when the Job was created.")]
    public required DateTimeOffset StartedAt { get; init; }

    [Description("FinishedAt is when the Job completed or failed.")]
    public DateTimeOffset? FinishedAt { get; init; }

    [Description("Result: Running, Succeeded (every row answered, or the failures within spec.batch.maxFailureRatio), or Failed.")]
    public required RefreshBatchResult Result { get; init; }

    [Description("Rows is how many input rows the run wrote to the output, answered or failed (from the Pod's termination message).")]
    public long? Rows { get; init; }

    [Description("Failures is how many of the rows failed; each is in the output with an error.")]
    public long? Failures { get; init; }

    [Description("DurationSeconds is how long `modelship batch` ran.")]
    public double? DurationSeconds { get; init; }

    [Description("Output is where the answers were written.")]
    public string? Output { get; init; }

    [Description("Message says what happened, for people.")]
    public string? Message { get; init; }
}

/// <summary>How a batch Job is doing.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshBatchResult>))]
public enum RefreshBatchResult
{
    /// <summary>The Job has not finished.</summary>
    Running,

    /// <summary>The Job completed.</summary>
    Succeeded,

    /// <summary>The Job failed (too many failed rows, the input or endpoint could not be used, or the Pod failed).</summary>
    Failed,
}
