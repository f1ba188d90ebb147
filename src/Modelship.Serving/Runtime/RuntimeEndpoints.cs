using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Modelship.Serving.Grpc;
using Modelship.Serving.Http;
using Modelship.Serving.Protocol;
using Modelship.Serving.Runtime.Onnx;
using Modelship.Telemetry;

namespace Modelship.Serving.Runtime;

/// <summary>
/// The Open Inference Protocol V2 REST endpoints of one served model. Every error is JSON <c>{"error": "..."}</c>
/// (<see cref="ErrorResponses"/>): 400 for requests the caller got wrong, 404 for unknown models, versions and paths,
/// 405 for a method a path does not take, 408 for a body that arrives too slowly, 413 above the body limit, 500 for
/// failures inside the runtime. GET /metrics exposes this runtime's metrics in the Prometheus text format.
/// </summary>
internal sealed class RuntimeEndpoints(
    ServedModel model, RuntimeMetrics metrics, PrometheusCollector collector, ILogger logger, RequestLimits limits)
{
    private static readonly string ServerVersion =
        typeof(RuntimeEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Maps the V2 routes and /metrics; returns the V2 endpoints for the gRPC service to call in process.</summary>
    public V2RestEndpoints Map(IEndpointRouteBuilder app)
    {
        RequestDelegate live = context => WriteJson(context, 200, new HealthResponse(Live: true), ProtocolJsonContext.Relaxed.HealthResponse);
        RequestDelegate ready = context => WriteJson(context, 200, new HealthResponse(Ready: true), ProtocolJsonContext.Relaxed.HealthResponse);
        RequestDelegate serverMetadata = context => WriteJson(
            context, 200, new ServerMetadataResponse("modelship", ServerVersion, []), ProtocolJsonContext.Relaxed.ServerMetadataResponse);
        app.MapGet("/v2/health/live", live);
        app.MapGet("/v2/health/ready", ready);
        app.MapGet("/v2", serverMetadata);
        app.MapGet("/v2/models/{name}", ModelMetadata);
        app.MapGet("/v2/models/{name}/versions/{version}", ModelMetadata);
        app.MapGet("/v2/models/{name}/ready", ModelReady);
        app.MapGet("/v2/models/{name}/versions/{version}/ready", ModelReady);
        app.MapPost("/v2/models/{name}/infer", InferAsync);
        app.MapPost("/v2/models/{name}/versions/{version}/infer", InferAsync);
        app.MapPrometheusMetrics("/metrics", collector);
        return new V2RestEndpoints(live, ready, serverMetadata, ModelMetadata, ModelReady, InferAsync);
    }

    private Task ModelMetadata(HttpContext context) =>
        NotServedHere(Target(context)) is { } error
            ? WriteError(context, 404, error)
            : WriteJson(context, 200, model.Metadata, ProtocolJsonContext.Relaxed.ModelMetadataResponse);

    private Task ModelReady(HttpContext context) =>
        NotServedHere(Target(context)) is { } error
            ? WriteError(context, 404, error)
            : WriteJson(context, 200, new ModelReadyResponse(model.Name, Ready: true), ProtocolJsonContext.Relaxed.ModelReadyResponse);

    private async Task InferAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var target = Target(context);
        int status;
        try
        {
            status = await AnswerInferAsync(context, target).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // The caller is gone: nothing to answer or count.
        }
        catch (Exception e) when (RequestFailures.CanAnswer(context))
        {
            status = (await RequestFailures.AnswerAsync(context, e, limits, logger).ConfigureAwait(false)).Status;
        }

        metrics.InferenceCompleted(status, start, target.IsServedModel, target.IsServedVersion);
    }

    private async Task<int> AnswerInferAsync(HttpContext context, RequestTarget target)
    {
        if (NotServedHere(target) is { } notFound) return await Reject(context, 404, notFound).ConfigureAwait(false);
        using var body = await PooledRequestBody.ReadAsync(context, limits.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
            return await Reject(context, 413, limits.TooLargeMessage()).ConfigureAwait(false);

        InferenceResponse response;
        try
        {
            response = model.Infer(InferenceRequestJson.Parse(body.Span));
        }
        catch (InferenceProtocolException e)
        {
            return await Reject(context, 400, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OnnxRuntimeException or NotSupportedException)
        {
            RuntimeLog.InferenceFailed(logger, e, model.Name);
            await WriteError(context, 500, $"inference failed: {e.Message}").ConfigureAwait(false);
            return 500;
        }

        using var answer = new PooledAnswerBuffer();
        using (var writer = new Utf8JsonWriter(answer, ProtocolJsonContext.WriterOptions))
            InferenceResponseJson.Write(writer, response);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = answer.WrittenCount;
        await context.Response.Body.WriteAsync(answer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        return 200;
    }

    private RequestTarget Target(HttpContext context)
    {
        var name = context.Request.RouteValues["name"] as string;
        var version = context.Request.RouteValues["version"] as string;
        return new RequestTarget(name, version, name == model.Name, version is null || version == model.Version);
    }

    /// <summary>Null when the route names the served model (and version, if given); else why not.</summary>
    private string? NotServedHere(RequestTarget target)
    {
        if (!target.IsServedModel) return $"unknown model '{target.Name}'; this runtime serves '{model.Name}'";
        if (!target.IsServedVersion)
            return $"unknown version '{target.Version}' of model '{target.Name}'; this runtime serves version '{model.Version}'";
        return null;
    }

    /// <summary>The model and version a request's path names, and whether they are the ones served here.</summary>
    private readonly record struct RequestTarget(string? Name, string? Version, bool IsServedModel, bool IsServedVersion);

    private async Task<int> Reject(HttpContext context, int status, string message)
    {
        RuntimeLog.RequestRejected(logger, model.Name, status, message);
        await WriteError(context, status, message).ConfigureAwait(false);
        return status;
    }

    private static Task WriteError(HttpContext context, int status, string message) => ErrorResponses.WriteAsync(context, status, message);

    private static Task WriteJson<T>(HttpContext context, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, type, contentType: "application/json", context.RequestAborted);
    }
}
