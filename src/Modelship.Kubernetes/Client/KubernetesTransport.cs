using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace Modelship.Kubernetes.Client;

/// <summary>Sends one API request over the shared HttpClient: retries, per-attempt timeout, error mapping.</summary>
internal sealed class KubernetesTransport(HttpClient http, string serverBase, KubernetesClientOptions options, ILogger logger, TimeProvider timeProvider)
{
    private const int MaxErrorBodyChars = 64 * 1024;

    public async Task<T> SendAsync<T>(
        ApiVerb verb, HttpMethod method, string pathAndQuery, Body? body, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        return await options.RetryPolicy.ExecuteAsync(
            verb,
            async attemptToken =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(attemptToken);
                timeout.CancelAfter(options.RequestTimeout);
                try
                {
                    using var request = CreateRequest(method, pathAndQuery, body);
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    await EnsureSuccessAsync(response, method, pathAndQuery, timeout.Token).ConfigureAwait(false);
                    var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                    await using (stream.ConfigureAwait(false))
                    {
                        return await JsonSerializer.DeserializeAsync(stream, responseType, timeout.Token).ConfigureAwait(false)
                            ?? throw new JsonException($"{method} {pathAndQuery} returned an empty body.");
                    }
                }
                catch (OperationCanceledException ex) when (!attemptToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"{method} {pathAndQuery} did not complete within {options.RequestTimeout}.", ex);
                }
            },
            cancellationToken,
            (attempt, delay, error) => KubernetesClientLog.RetryingRequest(
                logger, method.Method, pathAndQuery, attempt, delay.TotalMilliseconds, error.Message)).ConfigureAwait(false);
    }

    /// <summary>Opens a streaming response (watch); the caller owns and disposes it. Not retried.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(HttpMethod.Get, pathAndQuery, null);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, HttpMethod.Get, pathAndQuery, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string pathAndQuery, Body? body)
    {
        var request = new HttpRequestMessage(method, serverBase + pathAndQuery);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            var content = new ByteArrayContent(body.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(body.ContentType);
            request.Content = content;
        }

        return request;
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, HttpMethod method, string pathAndQuery, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? text = null;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (text.Length > MaxErrorBodyChars)
            {
                text = text[..MaxErrorBodyChars];
            }
        }
        catch (HttpRequestException)
        {
            // The status code alone still says what went wrong.
        }

        throw KubernetesApiErrors.FromResponse(response.StatusCode, text, RetryAfter(response), $"{method.Method} {pathAndQuery}");
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>A request body, kept as bytes so each retry attempt can send it again.</summary>
    internal sealed record Body(byte[] Bytes, string ContentType);
}
