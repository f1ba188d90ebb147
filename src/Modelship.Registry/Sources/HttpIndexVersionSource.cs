using Modelship.Registry.Http;

namespace Modelship.Registry.Sources;

/// <summary>Options of <see cref="HttpIndexVersionSource"/>.</summary>
/// <param name="IndexUrl">The http(s) URL of the JSON index.</param>
/// <param name="BearerToken">Sent as <c>Authorization: Bearer</c> when set.</param>
public sealed record HttpIndexSourceOptions(Uri IndexUrl, string? BearerToken = null);

/// <summary>
/// Versions listed in a JSON index served over HTTP: <c>{"versions":[{"version","uri","sha256","createdTime","metrics","aliases"}]}</c>.
/// Relative uris are resolved against the index URL, so an index can sit next to its models.
/// </summary>
public sealed class HttpIndexVersionSource : IModelVersionSource
{
    private readonly HttpClient _http;
    private readonly HttpIndexSourceOptions _options;

    /// <param name="http">Owned by the caller (one per process, or from IHttpClientFactory).</param>
    public HttpIndexVersionSource(HttpClient http, HttpIndexSourceOptions options)
    {
        if (!options.IndexUrl.IsAbsoluteUri || (options.IndexUrl.Scheme != Uri.UriSchemeHttp && options.IndexUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The index URL must be absolute http(s), not \"{options.IndexUrl}\".", nameof(options));
        _http = http;
        _options = options;
    }

    public async Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken cancellationToken)
    {
        var index = await JsonHttpGet.GetAsync(_http, _options.IndexUrl, _options.BearerToken,
            RegistryJsonContext.Default.HttpIndexDocument, cancellationToken).ConfigureAwait(false);
        return ToVersions(index, _options.IndexUrl);
    }

    /// <summary>Validates the index and resolves its uris; the first problem found is the error.</summary>
    internal static IReadOnlyList<ModelVersion> ToVersions(HttpIndexDocument index, Uri indexUrl)
    {
        if (index.Versions is null)
            throw Invalid(indexUrl, "has no \"versions\" array");
        var versions = new List<ModelVersion>(index.Versions.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < index.Versions.Count; i++)
        {
            var entry = index.Versions[i] ?? throw Invalid(indexUrl, $"versions[{i}] is null");
            if (string.IsNullOrWhiteSpace(entry.Version))
                throw Invalid(indexUrl, $"versions[{i}] has no \"version\"");
            if (string.IsNullOrWhiteSpace(entry.Uri))
                throw Invalid(indexUrl, $"versions[{i}] (version {entry.Version}) has no \"uri\"");
            if (!seen.Add(entry.Version))
                throw Invalid(indexUrl, $"version {entry.Version} is listed twice");
            if (entry.Sha256 is not null && !Sha256Hex.IsValid(entry.Sha256))
                throw Invalid(indexUrl, $"versions[{i}] (version {entry.Version}): sha256 \"{entry.Sha256}\" is not 64 hexadecimal characters");
            versions.Add(new ModelVersion(
                entry.Version,
                ResolveUri(indexUrl, entry.Uri),
                entry.Sha256?.ToLowerInvariant(),
                entry.CreatedTime,
                entry.Metrics ?? ModelVersion.NoMetrics,
                entry.Aliases ?? ModelVersion.NoAliases));
        }
        return versions;
    }

    /// <summary>Absolute uris (http, https, s3, file) are kept; anything else is relative to the index URL.</summary>
    internal static string ResolveUri(Uri indexUrl, string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && !uri.StartsWith('/')
            ? absolute.OriginalString
            : new Uri(indexUrl, uri).AbsoluteUri;

    private static ModelSourceException Invalid(Uri indexUrl, string problem) =>
        new(ModelSourceErrorKind.InvalidResponse, $"index {indexUrl} {problem}");
}
