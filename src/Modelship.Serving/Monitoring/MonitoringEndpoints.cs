using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Modelship.Api.Routing;
using Modelship.Serving.Http;
using Modelship.Serving.Monitoring.Actuals;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Monitoring;

/// <summary>
/// The router's monitoring routes: <c>GET /v2/monitoring</c> (the <see cref="MonitoringReport"/>, for ModelDeployment
/// and Pipeline tables) and <c>POST /v2/models/{name}/actuals</c> (ModelDeployment tables with <c>monitoring.actuals</c>).
/// Both leave the socket event thread first: they take the join's lock and read files.
/// </summary>
public sealed class MonitoringEndpoints(
    RoutingTableHolder tables,
    MonitoringReportBuilder reports,
    ActualsMonitor? actuals,
    ActualsMetrics actualsMetrics,
    RequestLimits limits)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/monitoring", (RequestDelegate)ReportAsync);
        app.MapPost("/v2/models/{name}/actuals", (RequestDelegate)ActualsAsync);
    }

    private async Task ReportAsync(HttpContext context)
    {
        await Task.Yield();
        if (tables.Current is not { } snapshot)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "the router has no routing table yet").ConfigureAwait(false);
            return;
        }
        var report = reports.Build(snapshot);
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, report, RoutingTableJsonContext.Default.MonitoringReport, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ActualsAsync(HttpContext context)
    {
        await Task.Yield();
        if (tables.Current is not { } snapshot)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "the router has no routing table yet").ConfigureAwait(false);
            return;
        }
        var model = snapshot.Table.ModelName;
        var name = context.Request.RouteValues["name"] as string;
        if (!string.Equals(name, model, StringComparison.Ordinal))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, $"model '{name}' is not served here (this router serves '{model}')").ConfigureAwait(false);
            return;
        }
        if (snapshot.Pipeline is not null || snapshot.Table.Monitoring?.Actuals is not { } settings)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, $"model '{model}' does not collect actuals (its routing table has no monitoring.actuals)").ConfigureAwait(false);
            return;
        }
        if (actuals is null)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, $"model '{model}' asks for actuals, but this router has no monitoring directory to join them in (--monitoring-dir or --log-dir)").ConfigureAwait(false);
            return;
        }
        var body = await RequestBodyReader.ReadAsync(context.Request, limits.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, limits.TooLargeMessage()).ConfigureAwait(false);
            return;
        }
        IReadOnlyList<ReceivedActual> received;
        try
        {
            received = ActualsBodyParser.Parse(body, settings.Task);
        }
        catch (ActualsValidationException e)
        {
            // The whole batch is refused; its items count as invalid (one when the body itself is unreadable).
            actualsMetrics.Received(model, new ActualsCounts(0, 0, 0, Math.Max(1, CountItems(body))));
            await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, $"invalid actuals: {e.Message}").ConfigureAwait(false);
            return;
        }
        var counts = actuals.Receive(received, settings);
        actualsMetrics.Received(model, counts);
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, counts, RouterJsonContext.Readable.ActualsCounts, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The items of a refused body, when it is at least a JSON array (or {"actuals": [...]}); 0 otherwise.</summary>
    private static int CountItems(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("actuals", out var inner))
            {
                root = inner;
            }
            return root.ValueKind == JsonValueKind.Array ? root.GetArrayLength() : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }
}
