using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Modelship.Serving.Tests.Routing;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that stands in for a runtime: it answers V2 inference with fixed outputs
/// (an INT64 "label" and an FP32 "score" tensor), names itself in <c>model_version</c>, and can be made slow.
/// </summary>
internal sealed class FakeV2Backend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _inferRequests;

    private FakeV2Backend(string identity, long[] labels, double[] scores)
    {
        Identity = identity;
        Labels = labels;
        Scores = scores;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/v2/models/{name}/infer", (RequestDelegate)InferAsync);
        _app.MapGet("/v2/models/{name}", (RequestDelegate)(context => WriteJsonAsync(context, 200, new Dictionary<string, object>
        {
            ["name"] = context.Request.RouteValues["name"]!,
            ["versions"] = new[] { Identity },
            ["platform"] = "fake",
        })));
        _app.MapGet("/v2/models/{name}/ready", (RequestDelegate)(context => WriteJsonAsync(context, 200, new Dictionary<string, object> { ["ready"] = true })));
    }

    public string Identity { get; }

    public long[] Labels { get; }

    public double[] Scores { get; }

    /// <summary>How long an inference answer waits; the wait ends early when the caller goes away.</summary>
    public TimeSpan Delay { get; set; }

    public int InferRequests => Volatile.Read(ref _inferRequests);

    public byte[]? LastRequestBody { get; private set; }

    public string? LastContentType { get; private set; }

    public Uri Url { get; private set; } = null!;

    public static async Task<FakeV2Backend> StartAsync(string identity, long[]? labels = null, double[]? scores = null)
    {
        var backend = new FakeV2Backend(identity, labels ?? [1, 2, 3, 4], scores ?? [0.5, 0.25]);
        await backend._app.StartAsync();
        var address = backend._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        backend.Url = new Uri(address);
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(shutdown.Token);
        await _app.DisposeAsync();
    }

    private async Task InferAsync(HttpContext context)
    {
        Interlocked.Increment(ref _inferRequests);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        LastRequestBody = body.ToArray();
        LastContentType = context.Request.ContentType;
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        if (LastRequestBody.AsSpan().IndexOf("reject-me"u8) >= 0)
        {
            await WriteJsonAsync(context, 400, new Dictionary<string, object> { ["error"] = $"{Identity} rejects this input" });
            return;
        }
        await WriteJsonAsync(context, 200, new Dictionary<string, object>
        {
            ["model_name"] = context.Request.RouteValues["name"]!,
            ["model_version"] = Identity,
            ["outputs"] = new object[]
            {
                new Dictionary<string, object> { ["name"] = "label", ["datatype"] = "INT64", ["shape"] = new[] { Labels.Length }, ["data"] = Labels },
                new Dictionary<string, object> { ["name"] = "score", ["datatype"] = "FP32", ["shape"] = new[] { Scores.Length }, ["data"] = Scores },
            },
        });
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, Dictionary<string, object> value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, FakeJson.Options, context.RequestAborted);
    }
}
