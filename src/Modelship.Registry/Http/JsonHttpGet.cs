using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Modelship.Registry.Http;

/// <summary>
/// One GET of a JSON document, with every failure turned into a <see cref="ModelSourceException"/> that names the URL:
/// the HTTP index and the MLflow source share it.
/// </summary>
internal static class JsonHttpGet
{
    private const int MaxErrorBodyChars = 300;

    public static async Task<T> GetAsync<T>(HttpClient http, Uri url, string? bearerToken, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(bearerToken))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ModelSourceException(ModelSourceErrorKind.Unreachable, $"GET {url} failed: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelSourceException(ModelSourceErrorKind.Unreachable, $"GET {url} timed out after {http.Timeout.TotalSeconds:0.#} s", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var body = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
                throw new ModelSourceException(KindOf(response.StatusCode),
                    $"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}{(body.Length > 0 ? ": " + body : "")}");
            }
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                T? value;
                try
                {
                    value = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
                }
                catch (JsonException e)
                {
                    throw new ModelSourceException(ModelSourceErrorKind.InvalidResponse, $"GET {url} did not return the expected JSON: {e.Message}", e);
                }
                return value ?? throw new ModelSourceException(ModelSourceErrorKind.InvalidResponse, $"GET {url} returned JSON null");
            }
        }
    }

    internal static ModelSourceErrorKind KindOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound or HttpStatusCode.Gone => ModelSourceErrorKind.NotFound,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ModelSourceErrorKind.Unauthorized,
        HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => ModelSourceErrorKind.Unreachable,
        _ => ModelSourceErrorKind.InvalidResponse,
    };

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            // Only the start is quoted, so only the start is read: an error page can be large.
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            var buffer = new char[MaxErrorBodyChars + 1];
            var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
            var body = new string(buffer, 0, Math.Min(read, MaxErrorBodyChars)).ReplaceLineEndings(" ").Trim();
            return read > MaxErrorBodyChars ? body + "..." : body;
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }
}
