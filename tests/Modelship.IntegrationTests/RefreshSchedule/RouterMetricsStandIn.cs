using System.Net;
using System.Net.Sockets;
using System.Text;
using Modelship.TestCluster;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>
/// A fake router's <c>/metrics</c> on 127.0.0.1 (no router serves traffic in these tests): a real HTTP server whose
/// Prometheus exposition the test sets, scraped by the operator over the network as it scrapes router Pods.
/// </summary>
internal sealed class RouterMetricsStandIn : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serve;
    private volatile string _exposition = "";

    public RouterMetricsStandIn()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serve = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>How many times /metrics was read.</summary>
    public int Scrapes { get; private set; }

    public string Exposition
    {
        get => _exposition;
        set => _exposition = value;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var found = context.Request.Url?.AbsolutePath == "/metrics";
            Scrapes += found ? 1 : 0;
            var body = Encoding.UTF8.GetBytes(found ? _exposition : "not found");
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = "text/plain; version=0.0.4";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _serve.Wait(TimeSpan.FromSeconds(5));
    }
}
