using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// Batch prediction through the target's stable endpoint: a Kubernetes Job running `modelship batch` after each
/// refresh run, or on each scheduled time when the schedule has no source.
/// </summary>
public sealed record RefreshBatch
{
    [Description("Input is the file of rows to predict.")]
    public required RefreshBatchInput Input { get; init; }

    [Description("Output is where the answers are written: one line per input row, with its outputs or its error.")]
    public required RefreshBatchOutput Output { get; init; }

    [Description("Parameters are merged into the parameters of every V2 inference request (a value that reads as a number or true/false is sent as one).")]
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    [Description("Columns are the input columns sent to the model, in order, as one tensor of shape [rows, columns]. Defaults to every column, or one tensor per model input named like a column.")]
    public IReadOnlyList<string>? Columns { get; init; }

    [Description("InputName is the name of the model input the columns are sent as. Defaults to the model's only input (from its V2 metadata).")]
    public string? InputName { get; init; }

    [Description("BatchSize is how many rows one request carries. Defaults to 16.")]
    [Minimum(1)]
    [Maximum(10000)]
    [DefaultValue(RefreshBatchDefaults.BatchSize)]
    public int? BatchSize { get; init; }

    [Description("Concurrency is how many requests are in flight at once. Defaults to 4.")]
    [Minimum(1)]
    [Maximum(256)]
    [DefaultValue(RefreshBatchDefaults.Concurrency)]
    public int? Concurrency { get; init; }

    [Description("MaxFailureRatio is the fraction of rows (0 to 1) that may fail before the batch run counts as Failed. Defaults to 0: any failed row fails the run. Failed rows are always in the output with an error.")]
    [Minimum(0)]
    [Maximum(1)]
    public double? MaxFailureRatio { get; init; }

    [Description("S3 says how s3:// input and output URIs are reached. Absent: AWS in us-east-1, anonymous.")]
    public RefreshBatchS3? S3 { get; init; }

    [Description("BackoffLimit is how many times the Job retries a failed batch Pod. Defaults to 1.")]
    [Minimum(0)]
    [Maximum(10)]
    [DefaultValue(RefreshBatchDefaults.BackoffLimit)]
    public int? BackoffLimit { get; init; }

    [Description("TtlSecondsAfterFinished is how long a finished Job and its Pods are kept; status.lastBatch keeps the outcome. Defaults to 86400 (a day).")]
    [Minimum(0)]
    [DefaultValue(RefreshBatchDefaults.TtlSecondsAfterFinished)]
    public int? TtlSecondsAfterFinished { get; init; }
}

/// <summary>The rows of a batch run.</summary>
public sealed record RefreshBatchInput
{
    [Description("Uri of the input: s3://bucket/key, http(s)://... or pvc://claim/path (the PersistentVolumeClaim is mounted read-only into the Job's Pod).")]
    [Length(1, 2048)]
    public required string Uri { get; init; }

    [Description("Format: Csv (a header row naming the columns) or JsonLines (one JSON object per line, column name to value). Defaults to JsonLines for .jsonl and .ndjson names, else Csv.")]
    public RefreshBatchFormat? Format { get; init; }
}

/// <summary>Where a batch run writes.</summary>
public sealed record RefreshBatchOutput
{
    [Description("Uri of the output: s3://bucket/key or pvc://claim/path (the claim is mounted into the Job's Pod). Written once the run is complete (never half-written). The same key is overwritten by each run unless it contains {scheduledTime}, replaced by the run's scheduled time (such as 20261207T030000Z).")]
    [Length(1, 2048)]
    public required string Uri { get; init; }

    [Description("Format: Csv or JsonLines. Defaults to JsonLines for .jsonl and .ndjson names, else Csv.")]
    public RefreshBatchFormat? Format { get; init; }

    [Description("IncludeInputs copies the input's columns next to the outputs. Defaults to false (each line still has the input's row number).")]
    public bool? IncludeInputs { get; init; }
}

/// <summary>How s3:// URIs of a batch run are reached.</summary>
public sealed record RefreshBatchS3
{
    [Description("Endpoint is the URL of an S3-compatible server (MinIO, Ceph...), reached with path-style requests; absent for AWS.")]
    [Pattern("^https?://.+$")]
    public string? Endpoint { get; init; }

    [Description("Region is the signing region (and the AWS endpoint's region). Defaults to us-east-1.")]
    public string? Region { get; init; }

    [Description("CredentialsSecretRef names a Secret in the RefreshSchedule's namespace holding the access key id and secret access key, given to the Job's Pod as environment variables; absent for anonymous access.")]
    public S3CredentialsSecretReference? CredentialsSecretRef { get; init; }
}
