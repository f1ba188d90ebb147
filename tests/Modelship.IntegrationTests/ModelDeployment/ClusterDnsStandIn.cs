using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// What cluster DNS and Service routing would do for the operator's HTTP client: a connection to
/// <c>{service}.{namespace}.svc.cluster.local:{port}</c> goes to the endpoint the test registered for that Service
/// (a <see cref="RuntimeStandIn"/> address, or a real <c>modelship runtime</c>). Everything else of the client is
/// the operator's own (<c>HttpModelMetadataSource</c>, <c>HttpModelInferenceSource</c>).
/// </summary>
internal sealed class ClusterDnsStandIn : IDisposable
{
    private readonly ConcurrentDictionary<string, IPEndPoint> _services = new(StringComparer.Ordinal);

    public ClusterDnsStandIn()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var host = context.DnsEndPoint.Host;
                var endpoint = host.EndsWith(".svc.cluster.local", StringComparison.Ordinal) && _services.TryGetValue(host.Split('.')[0], out var registered)
                    ? registered
                    : throw new HttpRequestException($"no such host: {host} (not registered with the test's cluster DNS)");
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(endpoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        Http = new HttpClient(new HostHeaderOfEndpoint(this) { InnerHandler = handler }) { Timeout = TimeSpan.FromSeconds(5) };
    }

    public HttpClient Http { get; }

    /// <summary>Routes Service <paramref name="service"/> (in any namespace) to <paramref name="address"/>:<paramref name="port"/>.</summary>
    public void Register(string service, string address, int port) => _services[service] = new IPEndPoint(IPAddress.Parse(address), port);

    public void Dispose() => Http.Dispose();

    /// <summary>
    /// HttpListener (the stand-ins' server) only answers requests whose Host header matches one of its prefixes, which
    /// name loopback addresses: the request names the endpoint it is routed to, as a Service's backend sees its own address.
    /// </summary>
    private sealed class HostHeaderOfEndpoint(ClusterDnsStandIn dns) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } uri && dns._services.TryGetValue(uri.Host.Split('.')[0], out var endpoint))
            {
                request.Headers.Host = endpoint.ToString();
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
