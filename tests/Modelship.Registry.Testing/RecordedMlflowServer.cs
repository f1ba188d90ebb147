using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Modelship.Registry.Testing;

/// <summary>
/// A Kestrel server on 127.0.0.1 answering the MLflow Model Registry calls a source makes (model-versions/search,
/// registered-models/alias, model-versions/get-download-uri, runs/get) with <see cref="MlflowRecordedResponses"/>, over
/// versions a test registers while it runs. Requests without the expected bearer token get MLflow's 401 answer.
/// </summary>
public sealed class RecordedMlflowServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (JsonObject Version, IReadOnlyDictionary<string, double> Metrics)> _versions = new(StringComparer.Ordinal);
    private readonly string _model;
    private readonly string? _token;
    private LoopbackHttpServer _server = null!;

    private RecordedMlflowServer(string model, string? token)
    {
        _model = model;
        _token = token;
    }

    /// <summary>The tracking URI (the server's base URL).</summary>
    public Uri TrackingUri => _server.BaseUrl;

    public IReadOnlyCollection<ReceivedRequest> Requests => _server.Requests;

    public static async Task<RecordedMlflowServer> StartAsync(string model, string? bearerToken = null)
    {
        var mlflow = new RecordedMlflowServer(model, bearerToken);
        mlflow._server = await LoopbackHttpServer.StartAsync(mlflow.AnswerAsync);
        return mlflow;
    }

    /// <summary>Registers a READY version logged by run <c>run{version}</c> with <paramref name="metrics"/>; its artifacts are in s3://mlflow-artifacts.</summary>
    public void Register(string version, DateTimeOffset created, IReadOnlyDictionary<string, double> metrics, params string[] aliases) =>
        _versions[version] = (MlflowRecordedResponses.ModelVersion(_model, version, created.ToUnixTimeMilliseconds(), $"run{version}", aliases), metrics);

    public static string ArtifactUri(string version) => $"s3://mlflow-artifacts/1/run{version}/artifacts/model";

    private Task AnswerAsync(HttpContext context)
    {
        if (_token is not null && context.Request.Headers.Authorization != $"Bearer {_token}")
        {
            return LoopbackHttpServer.RespondJson(context, MlflowRecordedResponses.Error("UNAUTHENTICATED", "You are not authenticated."), StatusCodes.Status401Unauthorized);
        }
        var query = context.Request.Query;
        var (status, body) = context.Request.Path.Value switch
        {
            "/api/2.0/mlflow/model-versions/search" when query["filter"] == $"name='{_model}'" =>
                (200, new JsonObject { ["model_versions"] = new JsonArray([.. _versions.Values.Select(v => (JsonNode)v.Version.DeepClone())]) }.ToJsonString()),
            "/api/2.0/mlflow/registered-models/alias" when query["name"] == _model && Aliased(query["alias"]!) is { } aliased =>
                (200, new JsonObject { ["model_version"] = aliased.DeepClone() }.ToJsonString()),
            "/api/2.0/mlflow/model-versions/get-download-uri" when query["name"] == _model && _versions.ContainsKey(query["version"]!) =>
                (200, MlflowRecordedResponses.DownloadUri(ArtifactUri(query["version"]!))),
            "/api/2.0/mlflow/runs/get" when _versions.Values.FirstOrDefault(v => (string?)v.Version["run_id"] == query["run_id"]) is { Version: not null } run =>
                (200, MlflowRecordedResponses.Run(query["run_id"]!, run.Metrics)),
            _ => (404, MlflowRecordedResponses.Error("RESOURCE_DOES_NOT_EXIST", $"{context.Request.Path} {context.Request.QueryString} not found")),
        };
        return LoopbackHttpServer.RespondJson(context, body, status);
    }

    private JsonObject? Aliased(string alias) =>
        _versions.Values.Select(v => v.Version).FirstOrDefault(v => v["aliases"]!.AsArray().Any(a => (string?)a == alias));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
