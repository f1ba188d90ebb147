using System.Net.Http.Headers;

namespace Modelship.Serving.Routing;

/// <summary>
/// Sends requests to backends over one pooled <see cref="HttpClient"/>. Bodies are passed as bytes, untouched; the
/// whole exchange, answer body included, must finish within the timeout.
/// </summary>
public sealed class BackendForwarder : IDisposable
{
    /// <summary>Largest backend answer the router buffers; a larger one counts as a broken exchange (503).</summary>
    public const int MaxAnswerBytes = 256 * 1024 * 1024;

    private readonly HttpClient _client;

    public BackendForwarder(TimeSpan timeout)
    {
        Timeout = timeout;
        var handler = new SocketsHttpHandler
        {
            // Recycle connections so Service IP / DNS changes are picked up; idle ones close sooner.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = timeout,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        _client = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            // Answers are buffered (shadows compare them); a runaway backend must not exhaust the router's memory.
            MaxResponseContentBufferSize = MaxAnswerBytes,
        };
    }

    public TimeSpan Timeout { get; }

    public async Task<BackendResponse> SendAsync(HttpMethod method, Uri uri, byte[]? body, string? contentType, CancellationToken callerAborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(callerAborted);
        timeout.CancelAfter(Timeout);
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed : new MediaTypeHeaderValue("application/json");
        }
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            return new BackendResponse(BackendOutcome.Answered, (int)response.StatusCode, answer, response.Content.Headers.ContentType?.ToString(), null);
        }
        catch (OperationCanceledException) when (callerAborted.IsCancellationRequested)
        {
            return BackendResponse.Failed(BackendOutcome.CallerAborted, "the caller went away");
        }
        catch (OperationCanceledException)
        {
            return BackendResponse.Failed(BackendOutcome.TimedOut, $"no answer within {Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return BackendResponse.Failed(BackendOutcome.Unreachable, e.Message);
        }
        catch (IOException e)
        {
            return BackendResponse.Failed(BackendOutcome.Unreachable, e.Message);
        }
    }

    /// <summary>
    /// The same exchange with blocking I/O, for a dedicated background thread (the shadows): no thread-pool work item,
    /// the thread sleeps in the socket read until the answer is there. HTTP/1.1 only, as everywhere in the router.
    /// </summary>
    public BackendResponse Send(HttpMethod method, Uri uri, byte[]? body, string? contentType, CancellationToken callerAborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(callerAborted);
        timeout.CancelAfter(Timeout);
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed : new MediaTypeHeaderValue("application/json");
        }
        try
        {
            // ResponseContentRead: the body is read within Send, under the timeout (a cancelled read closes the connection).
            using var response = _client.Send(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            using var content = response.Content.ReadAsStream(timeout.Token);
            byte[] answer;
            if (content.CanSeek)
            {
                answer = new byte[content.Length - content.Position];
                content.ReadExactly(answer);
            }
            else
            {
                using var copy = new MemoryStream();
                content.CopyTo(copy);
                answer = copy.ToArray();
            }
            return new BackendResponse(BackendOutcome.Answered, (int)response.StatusCode, answer, response.Content.Headers.ContentType?.ToString(), null);
        }
        catch (OperationCanceledException) when (callerAborted.IsCancellationRequested)
        {
            return BackendResponse.Failed(BackendOutcome.CallerAborted, "the caller went away");
        }
        catch (OperationCanceledException)
        {
            return BackendResponse.Failed(BackendOutcome.TimedOut, $"no answer within {Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return BackendResponse.Failed(BackendOutcome.Unreachable, e.Message);
        }
        catch (IOException e)
        {
            return BackendResponse.Failed(BackendOutcome.Unreachable, e.Message);
        }
    }

    public void Dispose() => _client.Dispose();
}
