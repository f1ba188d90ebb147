using Modelship.Registry.Http;
using Modelship.Registry.Mlflow;

namespace Modelship.Registry.Sources;

/// <summary>Options of <see cref="MlflowVersionSource"/>.</summary>
/// <param name="TrackingUri">The MLflow server's base URL (the REST API is under api/2.0/mlflow/).</param>
/// <param name="ModelName">The registered model's name.</param>
/// <param name="Alias">When set, only the version this alias points at is listed (registered-models/alias).</param>
/// <param name="BearerToken">Sent as <c>Authorization: Bearer</c> when set.</param>
/// <param name="IncludeRunMetrics">Read each version's run (runs/get) and report its latest metrics (none when the run was deleted).</param>
/// <param name="MaxVersions">Without an alias, how many of the newest READY versions (by creation time) are listed.</param>
public sealed record MlflowSourceOptions(
    Uri TrackingUri,
    string ModelName,
    string? Alias = null,
    string? BearerToken = null,
    bool IncludeRunMetrics = true,
    int MaxVersions = 20);

/// <summary>
/// Versions of a registered model in an MLflow Model Registry (REST API 2.0). With an alias: the one version it points at.
/// Without: the newest <see cref="MlflowSourceOptions.MaxVersions"/> READY versions from model-versions/search. Each
/// version's uri is its download uri (model-versions/get-download-uri: where the artifacts are, e.g. s3://...), and
/// its metrics are the latest metrics of the run that produced it.
/// </summary>
public sealed class MlflowVersionSource : IModelVersionSource
{
    private const string ApiPrefix = "api/2.0/mlflow/";
    private const int SearchPageSize = 200;
    private const string ReadyStatus = "READY";

    private readonly HttpClient _http;
    private readonly MlflowSourceOptions _options;
    private readonly Uri _baseUri;

    /// <param name="http">Owned by the caller (one per process, or from IHttpClientFactory).</param>
    public MlflowVersionSource(HttpClient http, MlflowSourceOptions options)
    {
        if (!options.TrackingUri.IsAbsoluteUri || (options.TrackingUri.Scheme != Uri.UriSchemeHttp && options.TrackingUri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The MLflow tracking URI must be absolute http(s), not \"{options.TrackingUri}\".", nameof(options));
        if (string.IsNullOrWhiteSpace(options.ModelName))
            throw new ArgumentException("The registered model name is empty.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxVersions, 1, nameof(options));
        _http = http;
        _options = options;
        var baseText = options.TrackingUri.AbsoluteUri;
        _baseUri = new Uri(baseText.EndsWith('/') ? baseText : baseText + "/");
    }

    public async Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken cancellationToken)
    {
        var registered = _options.Alias is { } alias
            ? [await GetAliasedVersionAsync(alias, cancellationToken).ConfigureAwait(false)]
            : NewestReady(await SearchVersionsAsync(cancellationToken).ConfigureAwait(false), _options.MaxVersions);

        var versions = new List<ModelVersion>(registered.Count);
        foreach (var version in registered)
            versions.Add(await ToModelVersionAsync(version, cancellationToken).ConfigureAwait(false));
        return versions;
    }

    /// <summary>READY versions (or those without a status), newest first, at most <paramref name="max"/>.</summary>
    internal static IReadOnlyList<MlflowModelVersion> NewestReady(IEnumerable<MlflowModelVersion> versions, int max) =>
        [.. versions
            .Where(v => v.Status is null or ReadyStatus)
            .OrderByDescending(v => v.CreationTimestamp ?? long.MinValue)
            .ThenByDescending(v => long.TryParse(v.Version, out var number) ? number : long.MinValue)
            .Take(max)];

    /// <summary>An MLflow search filter matching one model name exactly (MLflow accepts single or double quotes).</summary>
    internal static string NameFilter(string modelName) =>
        modelName.Contains('\'') ? $"name=\"{modelName}\"" : $"name='{modelName}'";

    private async Task<MlflowModelVersion> GetAliasedVersionAsync(string alias, CancellationToken cancellationToken)
    {
        var url = ApiUrl("registered-models/alias", ("name", _options.ModelName), ("alias", alias));
        var response = await GetAsync(url, RegistryJsonContext.Default.MlflowAliasResponse, cancellationToken).ConfigureAwait(false);
        var version = response.ModelVersion ?? throw Invalid(url, "has no \"model_version\"");
        if (version.Aliases is null || !version.Aliases.Contains(alias, StringComparer.Ordinal))
            version.Aliases = [.. version.Aliases ?? [], alias];
        return version;
    }

    private async Task<List<MlflowModelVersion>> SearchVersionsAsync(CancellationToken cancellationToken)
    {
        var all = new List<MlflowModelVersion>();
        string? pageToken = null;
        do
        {
            var url = ApiUrl("model-versions/search",
                ("filter", NameFilter(_options.ModelName)),
                ("max_results", SearchPageSize.ToString()),
                ("page_token", pageToken));
            var page = await GetAsync(url, RegistryJsonContext.Default.MlflowSearchModelVersionsResponse, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.ModelVersions ?? []);
            pageToken = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (pageToken is not null);
        if (all.Count == 0)
            throw new ModelSourceException(ModelSourceErrorKind.NotFound,
                $"MLflow at {_options.TrackingUri} has no versions of registered model \"{_options.ModelName}\"");
        return all;
    }

    private async Task<ModelVersion> ToModelVersionAsync(MlflowModelVersion version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(version.Version))
            throw new ModelSourceException(ModelSourceErrorKind.InvalidResponse,
                $"MLflow at {_options.TrackingUri} returned a version of \"{_options.ModelName}\" without a \"version\"");
        var downloadUrl = ApiUrl("model-versions/get-download-uri", ("name", _options.ModelName), ("version", version.Version));
        var download = await GetAsync(downloadUrl, RegistryJsonContext.Default.MlflowDownloadUriResponse, cancellationToken).ConfigureAwait(false);
        var uri = download.ArtifactUri ?? version.Source;
        if (string.IsNullOrEmpty(uri))
            throw Invalid(downloadUrl, "has no \"artifact_uri\" and the version has no \"source\"");

        var metrics = _options.IncludeRunMetrics && !string.IsNullOrEmpty(version.RunId)
            ? await GetRunMetricsAsync(version.RunId, cancellationToken).ConfigureAwait(false)
            : ModelVersion.NoMetrics;
        var created = version.CreationTimestamp is { } milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : (DateTimeOffset?)null;
        return new ModelVersion(version.Version, uri, Sha256: null, created, metrics, version.Aliases ?? ModelVersion.NoAliases);
    }

    private async Task<IReadOnlyDictionary<string, double>> GetRunMetricsAsync(string runId, CancellationToken cancellationToken)
    {
        var url = ApiUrl("runs/get", ("run_id", runId));
        MlflowRunResponse response;
        try
        {
            response = await GetAsync(url, RegistryJsonContext.Default.MlflowRunResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelSourceException e) when (e.Kind == ModelSourceErrorKind.NotFound)
        {
            // Runs can be deleted while their registered versions stay: the version is still usable, only without metrics.
            return ModelVersion.NoMetrics;
        }
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var metric in response.Run?.Data?.Metrics ?? [])
        {
            if (metric.Key is { Length: > 0 } key && metric.Value is { } value)
                metrics[key] = value;
        }
        return metrics;
    }

    private Task<T> GetAsync<T>(Uri url, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class =>
        JsonHttpGet.GetAsync(_http, url, _options.BearerToken, typeInfo, cancellationToken);

    private Uri ApiUrl(string method, params (string Name, string? Value)[] query)
    {
        var parameters = query.Where(q => q.Value is not null).Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}");
        return new Uri(_baseUri, ApiPrefix + method + "?" + string.Join('&', parameters));
    }

    private static ModelSourceException Invalid(Uri url, string problem) =>
        new(ModelSourceErrorKind.InvalidResponse, $"GET {url} {problem}");
}
