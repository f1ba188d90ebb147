using System.Text.Json.Serialization;

namespace Modelship.Registry.Mlflow;

// The parts of MLflow's REST API 2.0 responses (Model Registry and Tracking) that the MLflow source reads.
// Field names are MLflow's (snake_case); int64 fields may come as strings from proto3 JSON encoders.

public sealed class MlflowModelVersion
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("creation_timestamp")]
    public long? CreationTimestamp { get; set; }

    [JsonPropertyName("source")]
    public string? Source { get; set; }

    [JsonPropertyName("run_id")]
    public string? RunId { get; set; }

    /// <summary>READY, PENDING_REGISTRATION or FAILED_REGISTRATION.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("aliases")]
    public List<string>? Aliases { get; set; }
}

/// <summary><c>GET registered-models/alias</c>.</summary>
public sealed class MlflowAliasResponse
{
    [JsonPropertyName("model_version")]
    public MlflowModelVersion? ModelVersion { get; set; }
}

/// <summary><c>GET model-versions/search</c>.</summary>
public sealed class MlflowSearchModelVersionsResponse
{
    [JsonPropertyName("model_versions")]
    public List<MlflowModelVersion>? ModelVersions { get; set; }

    [JsonPropertyName("next_page_token")]
    public string? NextPageToken { get; set; }
}

/// <summary><c>GET model-versions/get-download-uri</c>.</summary>
public sealed class MlflowDownloadUriResponse
{
    [JsonPropertyName("artifact_uri")]
    public string? ArtifactUri { get; set; }
}

/// <summary><c>GET runs/get</c>: the run's latest metric values are in run.data.metrics.</summary>
public sealed class MlflowRunResponse
{
    [JsonPropertyName("run")]
    public MlflowRun? Run { get; set; }
}

public sealed class MlflowRun
{
    [JsonPropertyName("data")]
    public MlflowRunData? Data { get; set; }
}

public sealed class MlflowRunData
{
    [JsonPropertyName("metrics")]
    public List<MlflowMetric>? Metrics { get; set; }
}

public sealed class MlflowMetric
{
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    [JsonPropertyName("value")]
    public double? Value { get; set; }

    [JsonPropertyName("timestamp")]
    public long? Timestamp { get; set; }

    [JsonPropertyName("step")]
    public long? Step { get; set; }
}
