using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Modelship.Registry.Testing;

/// <summary>A request as the server saw it.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string? Authorization);

/// <summary>A real Kestrel server on 127.0.0.1 (free port) answering every request with a test's handler, recording each request.</summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackHttpServer(Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(context =>
        {
            Requests.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
                context.Request.Headers.Authorization.FirstOrDefault()));
            return handler(context);
        });
    }

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public static async Task<LoopbackHttpServer> StartAsync(Func<HttpContext, Task> handler)
    {
        var server = new LoopbackHttpServer(handler);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Answers <paramref name="status"/> with a JSON body.</summary>
    public static Task RespondJson(HttpContext context, string json, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(shutdown.Token);
        await _app.DisposeAsync();
    }
}
