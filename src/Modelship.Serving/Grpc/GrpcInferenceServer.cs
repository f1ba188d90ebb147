using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Modelship.Serving.Http;

namespace Modelship.Serving.Grpc;

/// <summary>
/// The gRPC side of a router or runtime host: a second Kestrel listener speaking cleartext HTTP/2 only (gRPC clients
/// use h2c with prior knowledge, which Kestrel serves only on an HTTP/2-only endpoint without TLS, so REST keeps its
/// HTTP/1.1 port) and <see cref="InferenceGrpcService"/> on it.
/// </summary>
public sealed class GrpcInferenceServer
{
    private readonly GrpcServiceTarget _target = new();
    private ListenOptions? _listener;

    private GrpcInferenceServer()
    {
    }

    /// <summary>Where gRPC is served once the host started (the real port when 0 was asked), e.g. http://127.0.0.1:8081/.</summary>
    public Uri? Address => _listener?.IPEndPoint is { } endpoint ? new Uri($"http://{FormatHost(endpoint)}/") : null;

    /// <summary>Registers the gRPC services; the listener is added by <see cref="Listen"/> from the host's Kestrel options.</summary>
    public static GrpcInferenceServer AddTo(IServiceCollection services, RequestLimits limits)
    {
        var server = new GrpcInferenceServer();
        services.AddGrpc(grpc =>
        {
            // gRPC's 4 MB default would be a second, smaller body limit than REST's.
            grpc.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, limits.MaxBodyBytes);
            grpc.EnableDetailedErrors = false;
        });
        services.AddSingleton(server._target);
        services.AddSingleton<InferenceGrpcService>();
        return server;
    }

    public void Listen(KestrelServerOptions kestrel, IPAddress address, int port) =>
        kestrel.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            _listener = listen;
        });

    /// <summary>Maps the service and points it at the host's REST endpoints.</summary>
    public void Map(WebApplication app, V2RestEndpoints endpoints)
    {
        _target.Endpoints = endpoints;
        app.MapGrpcService<InferenceGrpcService>();
    }

    private static string FormatHost(IPEndPoint endpoint) =>
        endpoint.Address.Equals(IPAddress.Any) ? $"127.0.0.1:{endpoint.Port}"
        : endpoint.Address.Equals(IPAddress.IPv6Any) ? $"[::1]:{endpoint.Port}"
        : endpoint.ToString();
}
