using System.Net;
using System.Text.Json;
using Modelship.Serving.Protocol;

namespace Modelship.Cli.Client;

/// <summary>
/// The few router requests the client makes (model metadata, infer, the inference log) over a
/// <see cref="ServingEndpoint"/>, with HTTP failures turned into <see cref="ClientCommandException"/>s: 401/403 Forbidden, 404
/// not found, 503 from the API server's proxy (no ready router) unreachable, other answers failure with the body's
/// <c>error</c>. Not retried: a person is waiting, and an inference may not be idempotent.
/// </summary>
public sealed class RouterClient(ServingEndpoint endpoint, TimeSpan timeout)
{
    public async Task<ModelMetadataResponse> MetadataAsync(string model, string? version, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, ModelPath(model, version), null, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ModelMetadataResponse)
                ?? throw new ClientCommandException($"{endpoint.Description}: model metadata of {model} is null");
        }
        catch (JsonException e)
        {
            throw new ClientCommandException($"{endpoint.Description}: GET {ModelPath(model, version)} did not answer V2 model metadata: {e.Message}", e);
        }
    }

    public Task<byte[]> InferAsync(string model, string? version, byte[] request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, ModelPath(model, version) + "/infer", request, cancellationToken);

    /// <param name="query">The query string of <c>/v2/logs</c>, starting with <c>?</c> or empty.</param>
    public Task<byte[]> LogsAsync(string query, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "v2/logs" + query, null, cancellationToken);

    private static string ModelPath(string model, string? version) =>
        $"v2/models/{Uri.EscapeDataString(model)}" + (version is null ? "" : $"/versions/{Uri.EscapeDataString(version)}");

    private async Task<byte[]> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(endpoint.BaseUri, path);
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await endpoint.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ClientCommandException(CliExitCodes.Unreachable, $"cannot reach {endpoint.Description}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClientCommandException(CliExitCodes.Unreachable, $"{endpoint.Description}: no answer to {method} /{path} within {timeout.TotalSeconds:0.#} s", e);
        }
        using (response)
        {
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return answer;
            }
            var message = $"{endpoint.Description}: {method} /{path} answered {(int)response.StatusCode}: {ErrorText(answer)}";
            throw new ClientCommandException(response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => CliExitCodes.Forbidden,
                HttpStatusCode.NotFound => CliExitCodes.NotFound,
                HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway => CliExitCodes.Unreachable,
                _ => CliExitCodes.Failure,
            }, message);
        }
    }

    /// <summary>The <c>error</c> of a V2 error body, the <c>message</c> of a Kubernetes Status, or the body's start.</summary>
    public static string ErrorText(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in (string[])["error", "message"])
                {
                    if (root.TryGetProperty(field, out var value))
                    {
                        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                    }
                }
            }
        }
        catch (JsonException)
        {
        }
        var text = System.Text.Encoding.UTF8.GetString(body).Trim();
        return text.Length > 300 ? text[..300] + "..." : text;
    }
}
