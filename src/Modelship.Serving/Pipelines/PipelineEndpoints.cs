using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Modelship.Serving.Http;
using Modelship.Serving.Protocol;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Pipelines;

/// <summary>
/// The V2 front of a router whose table is a pipeline: <c>infer</c> runs the steps (<see cref="PipelineRunner"/>),
/// metadata and readiness describe the pipeline itself. <see cref="RouterEndpoints"/> hands requests here with the
/// snapshot it read, so a request never reads two tables.
/// </summary>
internal sealed class PipelineEndpoints(PipelineRunner runner, RouterMetrics metrics, RequestLimits limits)
{
    public async Task InferAsync(HttpContext context, RoutingSnapshot snapshot)
    {
        var started = Stopwatch.GetTimestamp();
        var pipeline = snapshot.Pipeline!;
        if (await RefuseAsync(context, pipeline, started).ConfigureAwait(false))
        {
            return;
        }
        var body = await RequestBodyReader.ReadAsync(context.Request, limits.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            metrics.RequestCompleted(pipeline.Name, "", "pipeline", StatusCodes.Status413PayloadTooLarge, started);
            await ErrorResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, limits.TooLargeMessage()).ConfigureAwait(false);
            return;
        }
        await runner.RunAsync(context, snapshot, pipeline, body, started).ConfigureAwait(false);
    }

    /// <summary><c>GET /v2/models/{name}[/versions/{v}]</c>: the pipeline's name, its version (the table's generation) and its steps.</summary>
    public async Task MetadataAsync(HttpContext context, RoutingSnapshot snapshot)
    {
        var pipeline = snapshot.Pipeline!;
        if (await RefuseAsync(context, pipeline, Stopwatch.GetTimestamp()).ConfigureAwait(false))
        {
            return;
        }
        context.Response.Headers[RouterEndpoints.GenerationHeader] = pipeline.GenerationText;
        var metadata = new ModelMetadataResponse(pipeline.Name, [pipeline.GenerationText], "modelship-pipeline", [], []);
        await context.Response.WriteAsJsonAsync(metadata, ProtocolJsonContext.Relaxed.ModelMetadataResponse).ConfigureAwait(false);
    }

    /// <summary><c>GET /v2/models/{name}[/versions/{v}]/ready</c>: ready while the router serves the pipeline's table.</summary>
    public async Task ReadyAsync(HttpContext context, RoutingSnapshot snapshot)
    {
        var pipeline = snapshot.Pipeline!;
        if (await RefuseAsync(context, pipeline, Stopwatch.GetTimestamp()).ConfigureAwait(false))
        {
            return;
        }
        context.Response.Headers[RouterEndpoints.GenerationHeader] = pipeline.GenerationText;
        await context.Response.WriteAsJsonAsync(new ModelReadyResponse(pipeline.Name, true), ProtocolJsonContext.Relaxed.ModelReadyResponse).ConfigureAwait(false);
    }

    /// <summary>Answers 404 for another model name or a version other than the table's generation; true when it did.</summary>
    private async Task<bool> RefuseAsync(HttpContext context, CompiledPipeline pipeline, long started)
    {
        var name = context.Request.RouteValues["name"] as string;
        var version = context.Request.RouteValues["version"] as string;
        string? problem = null;
        if (!string.Equals(name, pipeline.Name, StringComparison.Ordinal))
        {
            problem = $"model '{name}' is not served here (this router serves pipeline '{pipeline.Name}')";
        }
        else if (version is not null && version != pipeline.GenerationText)
        {
            problem = $"pipeline '{pipeline.Name}' has no version '{version}' (its version is its routing generation, {pipeline.GenerationText})";
        }
        if (problem is null)
        {
            return false;
        }
        metrics.RequestCompleted(pipeline.Name, "", "pipeline", StatusCodes.Status404NotFound, started);
        await ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, problem).ConfigureAwait(false);
        return true;
    }
}
