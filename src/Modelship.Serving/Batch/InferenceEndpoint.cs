using System.Net;
using System.Text.Json;
using Modelship.Serving.Protocol;
using Polly;
using Polly.Retry;

namespace Modelship.Serving.Batch;

/// <summary>The outcome of one inference request: the response body, or why it failed after its retries.</summary>
public sealed record InferenceOutcome(byte[]? Body, string? Error, int Attempts);

/// <summary>
/// A V2 model at an endpoint (a router, a runtime, or any Open Inference Protocol server): its metadata and
/// <c>/infer</c>. Connection failures, timeouts, 429 and 5xx answers are retried with exponential backoff and jitter
/// (Polly); other 4xx answers are final and their <c>error</c> message is the rows' error.
/// </summary>
public sealed class InferenceEndpoint
{
    private readonly HttpClient _client;
    private readonly Uri _model;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    /// <param name="client">Sends the requests; its timeout bounds each attempt.</param>
    /// <param name="endpoint">http://host:port of the server.</param>
    /// <param name="model">The model's name.</param>
    /// <param name="version">A version of the model; null for the server's choice.</param>
    /// <param name="retries">Attempts after the first.</param>
    /// <param name="firstBackoff">The wait before the first retry; it doubles each time, with jitter.</param>
    /// <param name="time">The clock of the waits (tests).</param>
    public InferenceEndpoint(HttpClient client, Uri endpoint, string model, string? version, int retries, TimeSpan firstBackoff, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        var path = $"v2/models/{Uri.EscapeDataString(model)}" + (version is null ? "" : $"/versions/{Uri.EscapeDataString(version)}");
        _model = new Uri(new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/"), path);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time ?? TimeProvider.System };
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retries,
                Delay = firstBackoff,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>(e => e.InnerException is TimeoutException)
                    .HandleResult(IsRetryable),
            });
        }
        _retry = builder.Build();
    }

    public Uri ModelUri => _model;

    public static bool IsRetryable(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;

    /// <summary>GET /v2/models/{name}: the model's inputs and outputs.</summary>
    /// <exception cref="BatchInputException">The model cannot be read after the retries, or the answer is not V2 metadata.</exception>
    public async Task<ModelMetadataResponse> MetadataAsync(CancellationToken cancellationToken)
    {
        var (response, attempts) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, _model), cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new BatchInputException($"GET {_model} answered {(int)response.StatusCode} after {attempts} attempt(s): {ErrorText(body)}");
            }
            try
            {
                return JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ModelMetadataResponse)
                    ?? throw new BatchInputException($"GET {_model} answered null");
            }
            catch (JsonException e)
            {
                throw new BatchInputException($"GET {_model} did not answer V2 model metadata: {e.Message}", e);
            }
        }
    }

    /// <summary>POST /v2/models/{name}/infer; never throws for an HTTP or connection failure (the outcome says it).</summary>
    public async Task<InferenceOutcome> InferAsync(byte[] body, CancellationToken cancellationToken)
    {
        var infer = new Uri(_model.AbsoluteUri + "/infer");
        HttpResponseMessage response;
        int attempts;
        try
        {
            (response, attempts) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, infer)
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (BatchInputException e)
        {
            return new InferenceOutcome(null, e.Message, 0);
        }
        using (response)
        {
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? new InferenceOutcome(answer, null, attempts)
                : new InferenceOutcome(null, $"HTTP {(int)response.StatusCode}{(attempts > 1 ? $" after {attempts} attempts" : "")}: {ErrorText(answer)}", attempts);
        }
    }

    private async Task<(HttpResponseMessage Response, int Attempts)> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            var response = await _retry.ExecuteAsync(async token =>
            {
                attempts++;
                using var message = request();
                return await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return (response, attempts);
        }
        catch (HttpRequestException e)
        {
            throw new BatchInputException($"{_model}: connection failed after {attempts} attempt(s): {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BatchInputException($"{_model}: no answer within {_client.Timeout.TotalSeconds:0.#} s after {attempts} attempt(s)", e);
        }
    }

    /// <summary>The <c>error</c> of a V2 error body, or the body's start.</summary>
    private static string ErrorText(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                return error.ValueKind == JsonValueKind.String ? error.GetString()! : error.GetRawText();
            }
        }
        catch (JsonException)
        {
        }
        var text = System.Text.Encoding.UTF8.GetString(body);
        return text.Length > 300 ? text[..300] + "..." : text;
    }
}
