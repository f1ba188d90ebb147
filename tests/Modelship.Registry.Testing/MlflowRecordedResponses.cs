using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Modelship.Registry.Testing;

/// <summary>
/// MLflow REST API 2.0 answers in the shapes MLflow documents (no MLflow server can be installed here): a
/// <c>model_version</c> object, <c>runs/get</c>, <c>get-download-uri</c> and the <c>error_code</c> body.
/// </summary>
public static class MlflowRecordedResponses
{
    /// <summary>A <c>model_version</c> object as <c>model-versions/search</c> and <c>registered-models/alias</c> return it.</summary>
    public static JsonObject ModelVersion(string model, string version, long creationTimestampMs, string runId, IEnumerable<string>? aliases = null, string status = "READY") => new()
    {
        ["name"] = model,
        ["version"] = version,
        ["creation_timestamp"] = creationTimestampMs,
        ["last_updated_timestamp"] = creationTimestampMs,
        ["current_stage"] = "None",
        ["description"] = "",
        ["user_id"] = "",
        ["source"] = $"mlflow-artifacts:/1/{runId}/artifacts/model",
        ["run_id"] = runId,
        ["status"] = status,
        ["run_link"] = "",
        ["aliases"] = new JsonArray([.. (aliases ?? []).Select(a => (JsonNode)a)]),
    };

    /// <summary>The answer of <c>runs/get</c>: the run's info and data (its latest metrics, params, tags).</summary>
    public static string Run(string runId, IReadOnlyDictionary<string, double> metrics)
    {
        var data = new JsonArray([.. metrics.Select(m => (JsonNode)new JsonObject
        {
            ["key"] = m.Key,
            ["value"] = m.Value,
            ["timestamp"] = 1764583000000,
            ["step"] = 9,
        })]);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {"run": {"info": {"run_id": "{{runId}}", "run_uuid": "{{runId}}", "experiment_id": "1", "run_name": "bold-fox",
                              "status": "FINISHED", "start_time": 1764580000000, "end_time": 1764583000000,
                              "artifact_uri": "mlflow-artifacts:/1/{{runId}}/artifacts", "lifecycle_stage": "active"},
                     "data": {"metrics": {{data.ToJsonString()}},
                              "params": [{"key": "max_depth", "value": "6"}],
                              "tags": [{"key": "mlflow.user", "value": "ci"}]},
                     "inputs": {} } }
            """);
    }

    /// <summary>The answer of <c>model-versions/get-download-uri</c>.</summary>
    public static string DownloadUri(string artifactUri) => new JsonObject { ["artifact_uri"] = artifactUri }.ToJsonString();

    /// <summary>MLflow's error body, e.g. <c>RESOURCE_DOES_NOT_EXIST</c> with 404.</summary>
    public static string Error(string errorCode, string message) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["error_code"] = errorCode, ["message"] = message });
}
