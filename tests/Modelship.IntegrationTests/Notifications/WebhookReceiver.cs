using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Modelship.TestCluster;

namespace Modelship.IntegrationTests.Notifications;

/// <summary>One request a <see cref="WebhookReceiver"/> got: its body, headers and the status it answered.</summary>
public sealed record ReceivedCall(string Body, IReadOnlyDictionary<string, string> Headers, int Answered)
{
    public string? Field(string name) => JsonDocument.Parse(Body).RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) standing in for a webhook receiver. The first
/// <c>failFirst</c> calls are answered 500, the others 204.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serve;
    private readonly int _failFirst;
    private int _calls;

    private WebhookReceiver(int failFirst)
    {
        _failFirst = failFirst;
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/hook";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serve = ServeAsync();
    }

    public string Url { get; }

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    public static WebhookReceiver Start(int failFirst = 0) => new(failFirst);

    /// <summary>The calls answered 2xx, with their event field.</summary>
    public IEnumerable<ReceivedCall> Accepted => Calls.Where(c => c.Answered is >= 200 and < 300);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var status = Interlocked.Increment(ref _calls) <= _failFirst ? 500 : 204;
            Calls.Enqueue(new ReceivedCall(body, headers, status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serve;
    }
}
