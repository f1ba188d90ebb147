using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

/// <summary>A real <see cref="RouterHost"/> on 127.0.0.1 with a client pointed at it.</summary>
internal sealed class TestRouter : IAsyncDisposable
{
    private TestRouter(RouterHost host)
    {
        Host = host;
        Client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public RouterHost Host { get; }

    public HttpClient Client { get; }

    /// <summary>Starts a router on a free port; its logs go to <paramref name="logging"/>, or nowhere.</summary>
    public static async Task<TestRouter> StartAsync(
        RoutingTable? table, RouterOptions? options = null, Func<ILoggerFactory, IRoutingTableSource>? source = null, Action<ILoggingBuilder>? logging = null)
    {
        var host = RouterHost.Create(
            (options ?? new RouterOptions()) with { Address = IPAddress.Loopback, Port = 0 }, source, logging ?? (l => l.SetMinimumLevel(LogLevel.None)));
        if (table is not null)
        {
            host.Update(table);
        }
        await host.StartAsync();
        return new TestRouter(host);
    }

    public Task<HttpResponseMessage> InferAsync(string body, string path = "v2/models/iris/infer", Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        configure?.Invoke(request);
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>A URL on 127.0.0.1 where nothing listens: connections are refused.</summary>
    public static string UnreachableUrl()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}";
    }

    public static RoutingBackend BackendFor(string name, BackendRole role, string url, int weight = 0, string? version = null) => new()
    {
        Name = name,
        Version = version ?? name,
        Role = role,
        Url = url,
        ModelName = "iris-" + name,
        Weight = weight,
    };

    public static RoutingTable Table(long generation, params RoutingBackend[] backends) => new()
    {
        Generation = generation,
        ModelName = "iris",
        Backends = backends,
    };

    public const string IrisRequest = """{"id":"1","inputs":[{"name":"features","shape":[1,4],"datatype":"FP32","data":[[5.1,3.5,1.4,0.2]]},{"name":"user","shape":[1],"datatype":"BYTES","data":["alice"]}]}""";
}
