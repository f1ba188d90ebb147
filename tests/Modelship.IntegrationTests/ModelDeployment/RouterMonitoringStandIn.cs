using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.TestCluster;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// Stand-ins for router Pods' <c>GET /v2/monitoring</c> (no router serves traffic in these tests): one real HTTP
/// server per loopback address (127.0.0.1, 127.0.0.2 ...) on one port, since the operator reads every router Pod at
/// its Pod IP on the router port. Each address answers the <see cref="MonitoringReport"/> the test sets for it; the
/// report function is called on every read, so it can change with each read as a router's would under traffic.
/// </summary>
internal sealed class RouterMonitoringStandIn : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serve;
    private readonly Dictionary<string, Func<MonitoringReport>> _reports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);

    public RouterMonitoringStandIn(params string[] addresses)
    {
        Port = FreePort.Next();
        foreach (var address in addresses)
        {
            _listener.Prefixes.Add($"http://{address}:{Port}/");
        }
        _listener.Start();
        _serve = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public void Answer(string address, Func<MonitoringReport> report)
    {
        lock (_reports)
        {
            _reports[address] = report;
        }
    }

    public void Answer(string address, MonitoringReport report) => Answer(address, () => report);

    /// <summary>How many times <paramref name="address"/>'s report was read.</summary>
    public int Reads(string address)
    {
        lock (_reports)
        {
            return _reads.GetValueOrDefault(address);
        }
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
            var address = context.Request.LocalEndPoint.Address.ToString();
            Func<MonitoringReport>? report = null;
            if (context.Request.Url?.AbsolutePath == "/v2/monitoring")
            {
                lock (_reports)
                {
                    if (_reports.TryGetValue(address, out report))
                    {
                        _reads[address] = _reads.GetValueOrDefault(address) + 1;
                    }
                }
            }
            var body = report is null
                ? Encoding.UTF8.GetBytes("""{"error":"not found"}""")
                : JsonSerializer.SerializeToUtf8Bytes(report(), RoutingTableJsonContext.Default.MonitoringReport);
            context.Response.StatusCode = report is null ? 404 : 200;
            context.Response.ContentType = "application/json";
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
