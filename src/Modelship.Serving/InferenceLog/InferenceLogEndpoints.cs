using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Modelship.Serving.Http;
using Modelship.Serving.Routing;

namespace Modelship.Serving.InferenceLog;

/// <summary>
/// <c>GET /v2/logs?limit=&amp;start=&amp;end=&amp;valid=</c>: the newest matching entries, newest first, as
/// <c>{"entries":[...]}</c> with each entry exactly as logged. <c>GET /v2/logs/export?start=&amp;end=&amp;valid=</c>:
/// every matching entry, oldest first, as NDJSON. Both answer 404 when the router has no log directory. Both leave
/// the socket event thread first: the router runs requests inline on it (<see cref="RouterOptions.InlineScheduling"/>),
/// and reading and filtering log files would hold up every other request meanwhile.
/// </summary>
internal sealed class InferenceLogEndpoints(InferenceLogFiles? files)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/logs", (RequestDelegate)QueryAsync);
        app.MapGet("/v2/logs/export", (RequestDelegate)ExportAsync);
    }

    private async Task QueryAsync(HttpContext context)
    {
        await Task.Yield();
        if (await ParseAsync(context).ConfigureAwait(false) is not { } query)
        {
            return;
        }
        var entries = await InferenceLogReader.ReadNewestFirstAsync(files!, query, context.RequestAborted).ConfigureAwait(false);
        var response = context.Response;
        response.ContentType = "application/json";
        var body = response.BodyWriter;
        body.Write("{\"entries\":["u8);
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                body.Write(","u8);
            }
            body.Write(entries[i]);
        }
        body.Write("]}"u8);
        await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ExportAsync(HttpContext context)
    {
        await Task.Yield();
        if (await ParseAsync(context).ConfigureAwait(false) is not { } query)
        {
            return;
        }
        context.Response.ContentType = "application/x-ndjson";
        var body = context.Response.BodyWriter;
        await foreach (var line in InferenceLogReader.ReadOldestFirstAsync(files!, query, context.RequestAborted).ConfigureAwait(false))
        {
            body.Write(line);
            body.Write("\n"u8);
            if (body.UnflushedBytes >= 64 * 1024)
            {
                await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The query, or null after answering 404 (no log) or 400 (bad parameters).</summary>
    private async Task<InferenceLogQuery?> ParseAsync(HttpContext context)
    {
        if (files is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "this router keeps no inference log (start it with --log-dir)").ConfigureAwait(false);
            return null;
        }
        var parameters = context.Request.Query;
        if (!InferenceLogQuery.TryParse(name => parameters.TryGetValue(name, out var values) ? values.ToString() : null, out var query, out var error))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, error!).ConfigureAwait(false);
            return null;
        }
        return query;
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message) => ErrorResponses.WriteAsync(context, status, message);
}
