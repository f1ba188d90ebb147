using System.Text.Json.Serialization;

namespace Modelship.Serving.Batch;

/// <summary>
/// What a run did, for people (the last lines) and for machines (--summary-file, JSON): a Kubernetes Job writes it to
/// /dev/termination-log, where the operator reads it from the Pod's status. Small on purpose: a termination message
/// is cut at 4 KiB.
/// </summary>
public sealed record BatchSummary
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";

    /// <summary>Succeeded, or Failed (failures over the allowed ratio, or the run could not start or finish).</summary>
    public required string Result { get; init; }

    public required string Input { get; init; }

    public required string Output { get; init; }

    public long Rows { get; init; }

    public long Failures { get; init; }

    public double FailureRatio => Rows == 0 ? 0 : (double)Failures / Rows;

    public double MaxFailureRatio { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public double DurationSeconds => Math.Round((FinishedAt - StartedAt).TotalSeconds, 3);

    /// <summary>Why the run failed as a whole; null otherwise.</summary>
    public string? Message { get; init; }
}

/// <summary>Source-generated JSON of <see cref="BatchSummary"/> (Native AOT), camelCase.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(BatchSummary))]
public sealed partial class BatchJsonContext : JsonSerializerContext;
