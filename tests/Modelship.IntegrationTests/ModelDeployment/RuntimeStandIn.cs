using System.Net;
using System.Text;
using Modelship.TestCluster;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// Stand-ins for runtime Pods' V2 endpoints (no model server runs in these tests): one real HTTP server answering on
/// several loopback addresses (127.0.0.21, 127.0.0.22 ...) on one port, each address one version's runtime. Each
/// answers <c>GET /v2/models/{name}</c> with the metadata JSON and <c>POST /v2/models/{name}/infer</c> with the status
/// and body the test sets for it; the operator reaches them through <see cref="ClusterDnsStandIn"/>.
/// </summary>
internal sealed class RuntimeStandIn : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serve;
    private readonly Dictionary<string, (string Metadata, int InferStatus, string InferBody)> _answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inferences = new(StringComparer.Ordinal);

    public RuntimeStandIn(params string[] addresses)
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

    public void Answer(string address, string metadata, int inferStatus, string inferBody)
    {
        lock (_answers)
        {
            _answers[address] = (metadata, inferStatus, inferBody);
        }
    }

    /// <summary>How many inference requests <paramref name="address"/> answered.</summary>
    public int Inferences(string address)
    {
        lock (_answers)
        {
            return _inferences.GetValueOrDefault(address);
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
            var infer = context.Request.HttpMethod == "POST" && context.Request.Url?.AbsolutePath.EndsWith("/infer", StringComparison.Ordinal) == true;
            (string Metadata, int InferStatus, string InferBody) answer;
            bool known;
            lock (_answers)
            {
                known = _answers.TryGetValue(address, out answer);
                if (known && infer)
                {
                    _inferences[address] = _inferences.GetValueOrDefault(address) + 1;
                }
            }
            var (status, body) = !known ? (404, """{"error":"no such runtime"}""") : infer ? (answer.InferStatus, answer.InferBody) : (200, answer.Metadata);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _serve.Wait(TimeSpan.FromSeconds(5));
    }
}
