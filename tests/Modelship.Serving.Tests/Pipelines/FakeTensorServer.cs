using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Tests.Pipelines;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that stands in for a model server in pipeline tests: it parses each V2
/// request with the protocol reader, computes its outputs with a function of the inputs, and answers in V2 with its
/// identity as <c>model_version</c>. It can be made slow or made to answer an error.
/// </summary>
internal sealed class FakeTensorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<InferenceRequest, IReadOnlyList<InferenceTensor>> _compute;
    private int _requests;

    private FakeTensorServer(string identity, Func<InferenceRequest, IReadOnlyList<InferenceTensor>> compute)
    {
        Identity = identity;
        _compute = compute;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/v2/models/{name}/infer", (RequestDelegate)InferAsync);
    }

    public string Identity { get; }

    public TimeSpan Delay { get; set; }

    /// <summary>When set, every inference is answered with this status and an error body.</summary>
    public int? FailWith { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public InferenceRequest? LastRequest { get; private set; }

    public string Url { get; private set; } = "";

    public static async Task<FakeTensorServer> StartAsync(string identity, Func<InferenceRequest, IReadOnlyList<InferenceTensor>> compute)
    {
        var server = new FakeTensorServer(identity, compute);
        await server._app.StartAsync();
        server.Url = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>Answers output <paramref name="output"/> = input <paramref name="input"/> (FP32) times <paramref name="factor"/> plus <paramref name="offset"/>.</summary>
    public static Task<FakeTensorServer> LinearAsync(string identity, string input, string output, float factor, float offset = 0) =>
        StartAsync(identity, request =>
        {
            var x = request.Inputs.Single(i => i.Name == input);
            return [InferenceTensor.FromArray(output, x.Shape, x.ToArray<float>().Select(v => v * factor + offset).ToArray())];
        });

    /// <summary>Answers fixed outputs whatever the inputs.</summary>
    public static Task<FakeTensorServer> FixedAsync(string identity, params InferenceTensor[] outputs) => StartAsync(identity, _ => outputs);

    public async ValueTask DisposeAsync()
    {
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(shutdown.Token);
        await _app.DisposeAsync();
    }

    private async Task InferAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
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
        context.Response.ContentType = "application/json";
        if (FailWith is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync($$"""{"error":"{{Identity}} fails on purpose"}""");
            return;
        }
        InferenceRequest request;
        try
        {
            request = InferenceRequestJson.Parse(body.ToArray());
            LastRequest = request;
        }
        catch (InferenceProtocolException e)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new ErrorResponse(e.Message), ProtocolJsonContext.Default.ErrorResponse));
            return;
        }
        var outputs = _compute(request);
        await context.Response.Body.WriteAsync(InferenceResponseJson.Serialize(new InferenceResponse((string)context.Request.RouteValues["name"]!, outputs, Identity, request.Id)));
    }
}
