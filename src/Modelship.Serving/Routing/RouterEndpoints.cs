using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;
using Modelship.Serving.Grpc;
using Modelship.Serving.Http;
using Modelship.Serving.InferenceLog;
using Modelship.Serving.Monitoring.Actuals;
using Modelship.Serving.Monitoring.Drift;
using Modelship.Serving.Pipelines;

namespace Modelship.Serving.Routing;

/// <summary>
/// The router's V2 front. Each request reads the current snapshot once and is served from it to the end. Inference
/// bodies are forwarded as bytes; only a key that routing needs is read out of them.
/// </summary>
internal sealed class RouterEndpoints(
    RoutingTableHolder tables,
    BackendSelector selector,
    BackendForwarder forwarder,
    ShadowMirror shadows,
    RouterMetrics metrics,
    ILogger logger,
    RequestLimits limits,
    InferenceLogRecorder? inferenceLog = null,
    DriftMonitor? drift = null,
    ActualsMonitor? actuals = null)
{
    public const string VersionHeader = "x-modelship-model-version";
    public const string RoleHeader = "x-modelship-role";
    public const string GenerationHeader = "x-modelship-routing-generation";

    private static readonly string RouterVersion = typeof(RouterEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>
    /// Maps the V2 routes; a request that finds a pipeline table goes to <paramref name="pipelines"/> with that snapshot.
    /// Returns the endpoints for the gRPC service to call in process.
    /// </summary>
    public V2RestEndpoints Map(IEndpointRouteBuilder app, PipelineEndpoints pipelines)
    {
        RequestDelegate live = context => context.Response.WriteAsJsonAsync(new RouterLiveness(true), RouterJsonContext.Readable.RouterLiveness);
        RequestDelegate serverMetadata = context => context.Response.WriteAsJsonAsync(new RouterServerMetadata("modelship-router", RouterVersion, []), RouterJsonContext.Readable.RouterServerMetadata);
        app.MapGet("/v2/health/live", live);
        app.MapGet("/v2/health/ready", (RequestDelegate)ServerReadyAsync);
        app.MapGet("/v2", serverMetadata);
        RequestDelegate metadata = context => tables.Current is { Pipeline: not null } pipeline ? pipelines.MetadataAsync(context, pipeline) : ProxyGetAsync(context, b => b.MetadataUri);
        RequestDelegate ready = context => tables.Current is { Pipeline: not null } pipeline ? pipelines.ReadyAsync(context, pipeline) : ProxyGetAsync(context, b => b.ReadyUri);
        RequestDelegate infer = context => tables.Current is { Pipeline: not null } pipeline ? pipelines.InferAsync(context, pipeline) : InferAsync(context);
        app.MapGet("/v2/models/{name}", metadata);
        app.MapGet("/v2/models/{name}/versions/{version}", metadata);
        app.MapGet("/v2/models/{name}/ready", ready);
        app.MapGet("/v2/models/{name}/versions/{version}/ready", ready);
        app.MapPost("/v2/models/{name}/infer", infer);
        app.MapPost("/v2/models/{name}/versions/{version}/infer", infer);
        return new V2RestEndpoints(live, ServerReadyAsync, serverMetadata, metadata, ready, infer);
    }

    private Task ServerReadyAsync(HttpContext context)
    {
        var ready = tables.Current is not null;
        context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        return context.Response.WriteAsJsonAsync(new RouterReadiness(ready), RouterJsonContext.Readable.RouterReadiness);
    }

    private async Task ProxyGetAsync(HttpContext context, Func<RoutedBackend, Uri> address)
    {
        var started = Stopwatch.GetTimestamp();
        RoutingSnapshot? snapshot = null;
        try
        {
            snapshot = await ResolveModelAsync(context, started).ConfigureAwait(false);
            if (snapshot is null)
            {
                return;
            }
            var version = context.Request.RouteValues["version"] as string;
            var backend = version is null ? snapshot.Champion : snapshot.ByVersion(version);
            if (backend is null)
            {
                metrics.RequestCompleted(snapshot.Table.ModelName, RouterMetrics.Unknown, "", StatusCodes.Status404NotFound, started);
                await ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, $"model '{snapshot.Table.ModelName}' has no version '{version}'").ConfigureAwait(false);
                return;
            }
            var answer = await forwarder.SendAsync(HttpMethod.Get, address(backend), null, null, context.RequestAborted).ConfigureAwait(false);
            await WriteAnswerAsync(context, snapshot, backend, answer, started).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller is gone: nothing to answer or count.
        }
        catch (Exception e) when (RequestFailures.CanAnswer(context))
        {
            await AnswerFailureAsync(context, snapshot, e, started).ConfigureAwait(false);
        }
    }

    private async Task InferAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        RoutingSnapshot? snapshot = null;
        // Declared here, with context, so that the key reader's closure captures both in one allocation.
        byte[]? body = null;
        // One async method from here to the answer: each further await level would cost a request an allocation.
        try
        {
            snapshot = await ResolveModelAsync(context, started).ConfigureAwait(false);
            if (snapshot is null)
            {
                return;
            }
            var version = context.Request.RouteValues["version"] as string;
            var model = snapshot.Table.ModelName;
            body = await RequestBodyReader.ReadAsync(context.Request, limits.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                metrics.RequestCompleted(model, "", "", StatusCodes.Status413PayloadTooLarge, started);
                var tooLarge = limits.TooLargeMessage();
                await ErrorResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, tooLarge).ConfigureAwait(false);
                inferenceLog?.RecordRefused(snapshot, version ?? "", null, StatusCodes.Status413PayloadTooLarge, tooLarge, Stopwatch.GetElapsedTime(started));
                return;
            }
            if (snapshot.Table.PredictionDefaults is { } defaults)
            {
                // Before routing and logging: keys, shadows and the log all see what the model gets.
                try
                {
                    body = PredictionDefaultsMerge.Apply(body, defaults);
                }
                catch (JsonException e)
                {
                    metrics.RequestCompleted(model, "", "", StatusCodes.Status400BadRequest, started);
                    var malformed = $"the request is not a valid V2 inference request: {e.Message}";
                    await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, malformed).ConfigureAwait(false);
                    inferenceLog?.RecordRefused(snapshot, version ?? "", body, StatusCodes.Status400BadRequest, malformed, Stopwatch.GetElapsedTime(started));
                    return;
                }
            }
            RoutedBackend? backend;
            if (version is not null)
            {
                backend = snapshot.ByVersion(version);
                if (backend is null)
                {
                    // The version comes from the request path: as a label value it would let callers create series at will.
                    metrics.RequestCompleted(model, RouterMetrics.Unknown, "", StatusCodes.Status404NotFound, started);
                    var unknown = $"model '{model}' has no version '{version}'";
                    await ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, unknown).ConfigureAwait(false);
                    inferenceLog?.RecordRefused(snapshot, version, body, StatusCodes.Status404NotFound, unknown, Stopwatch.GetElapsedTime(started));
                    return;
                }
            }
            else
            {
                try
                {
                    backend = selector.Select(snapshot, (source, name) => ReadKey(context.Request, body, source, name));
                }
                catch (JsonException e)
                {
                    metrics.RequestCompleted(model, "", "", StatusCodes.Status400BadRequest, started);
                    var malformed = $"the request is not a valid V2 inference request: {e.Message}";
                    await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, malformed).ConfigureAwait(false);
                    inferenceLog?.RecordRefused(snapshot, "", body, StatusCodes.Status400BadRequest, malformed, Stopwatch.GetElapsedTime(started));
                    return;
                }
            }
            var contentType = context.Request.ContentType;
            var answer = await forwarder.SendAsync(HttpMethod.Post, backend.InferUri, body, contentType, context.RequestAborted).ConfigureAwait(false);
            var latency = Stopwatch.GetElapsedTime(started);
            await WriteAnswerAsync(context, snapshot, backend, answer, started).ConfigureAwait(false);
            if (answer.Outcome == BackendOutcome.CallerAborted)
            {
                return;
            }
            IReadOnlyList<string> checkFailures = [];
            if (answer.IsSuccess && snapshot.Table.PredictionWarnings.Count > 0)
            {
                checkFailures = CheckPredictions(snapshot, backend, answer);
            }
            InferenceLogContext? log;
            if (answer.IsSuccess && drift is { IsOn: true })
            {
                // The drift monitor writes the log entry once it has checked the inputs against the training range.
                log = inferenceLog?.StartAnswer(snapshot);
                drift.Observe(new DriftObservation(snapshot, backend, body, answer, StatusOf(answer), latency, DateTime.UtcNow, checkFailures, log));
            }
            else
            {
                log = inferenceLog?.RecordAnswer(snapshot, backend, body, answer, StatusOf(answer), latency, checkFailures);
            }
            if (actuals is not null && answer.IsSuccess && snapshot.Table.Monitoring?.Actuals is { } actualsSettings)
            {
                actuals.TryEnqueue(actualsSettings, backend.Version, body, context.Request, answer);
            }
            if (version is null)
            {
                foreach (var shadow in snapshot.Shadows)
                {
                    shadows.TryEnqueue(new ShadowRequest(model, shadow, body, contentType, answer, log));
                }
            }
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller is gone: nothing to answer or count.
        }
        catch (Exception e) when (RequestFailures.CanAnswer(context))
        {
            await AnswerFailureAsync(context, snapshot, e, started).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Answers an exception that escaped the request (a body that arrived too slowly, a bug) like every other error,
    /// counted without a backend, since none answered.
    /// </summary>
    private async Task AnswerFailureAsync(HttpContext context, RoutingSnapshot? snapshot, Exception exception, long started)
    {
        var failure = await RequestFailures.AnswerAsync(context, exception, limits, logger).ConfigureAwait(false);
        metrics.RequestCompleted(snapshot?.Table.ModelName ?? RouterMetrics.Unknown, "", "", failure.Status, started);
        if (snapshot is not null && context.Request.Method == HttpMethods.Post)
        {
            var version = context.Request.RouteValues["version"] as string;
            var known = version is not null && snapshot.ByVersion(version) is not null ? version : "";
            inferenceLog?.RecordRefused(snapshot, known, null, failure.Status, failure.Message, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Runs after the answer is written, so the check costs the caller nothing. Returns the out-of-range outputs for the inference log.</summary>
    private List<string> CheckPredictions(RoutingSnapshot snapshot, RoutedBackend backend, BackendResponse answer)
    {
        var failures = new List<string>();
        try
        {
            foreach (var (output, outOfRange) in PredictionBoundsCheck.Check(snapshot.Table.PredictionWarnings, answer.Body))
            {
                if (outOfRange > 0)
                {
                    metrics.PredictionsOutOfRange(snapshot.Table.ModelName, backend.Version, output, outOfRange);
                    RouterLog.PredictionsOutOfRange(logger, backend.Name, backend.Version, output, outOfRange);
                    failures.Add($"prediction out of range: {outOfRange} value(s) of output '{output}'");
                }
            }
        }
        catch (JsonException)
        {
            // A success answer that is not JSON has no outputs to check.
        }
        if (failures.Count > 0)
        {
            metrics.ServiceStats.CheckFailures(backend.Version, backend.RoleName, failures.Count);
        }
        return failures;
    }

    /// <summary>The status the caller gets for a backend exchange that was not aborted by the caller.</summary>
    private static int StatusOf(BackendResponse answer) => answer.Outcome switch
    {
        BackendOutcome.Answered => answer.StatusCode,
        BackendOutcome.TimedOut => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status503ServiceUnavailable,
    };

    private static string? ReadKey(HttpRequest request, byte[] body, KeySource source, string name) => source switch
    {
        KeySource.Header => request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null,
        _ => InferInputKeyReader.ReadFirstValue(body, name),
    };

    /// <summary>
    /// The snapshot to serve the request from, or null after answering 503 (no table) or 404 (other model). The
    /// model label is the table's, or <see cref="RouterMetrics.Unknown"/>: never the name the caller wrote.
    /// </summary>
    private async Task<RoutingSnapshot?> ResolveModelAsync(HttpContext context, long started)
    {
        var snapshot = tables.Current;
        if (snapshot is null)
        {
            metrics.RequestCompleted(RouterMetrics.Unknown, "", "", StatusCodes.Status503ServiceUnavailable, started);
            await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "the router has no routing table yet").ConfigureAwait(false);
            return null;
        }
        var name = context.Request.RouteValues["name"] as string;
        if (!string.Equals(name, snapshot.Table.ModelName, StringComparison.Ordinal))
        {
            metrics.RequestCompleted(RouterMetrics.Unknown, "", "", StatusCodes.Status404NotFound, started);
            await ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, $"model '{name}' is not served here (this router serves '{snapshot.Table.ModelName}')").ConfigureAwait(false);
            return null;
        }
        return snapshot;
    }

    private async Task WriteAnswerAsync(HttpContext context, RoutingSnapshot snapshot, RoutedBackend backend, BackendResponse answer, long started)
    {
        if (answer.Outcome == BackendOutcome.CallerAborted)
        {
            return;
        }
        var response = context.Response;
        response.Headers[VersionHeader] = backend.Version;
        response.Headers[RoleHeader] = backend.RoleName;
        response.Headers[GenerationHeader] = backend.GenerationText;
        var status = StatusOf(answer);
        metrics.RequestCompleted(snapshot.Table.ModelName, backend.Version, backend.RoleName, status, started);
        if (answer.Outcome != BackendOutcome.Answered)
        {
            RouterLog.BackendFailed(logger, backend.Name, backend.Version, answer.Outcome, answer.Failure);
            await ErrorResponses.WriteAsync(context, status, $"backend '{backend.Name}' (version {backend.Version}): {answer.Failure}").ConfigureAwait(false);
            return;
        }
        response.StatusCode = status;
        response.ContentType = answer.ContentType;
        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
