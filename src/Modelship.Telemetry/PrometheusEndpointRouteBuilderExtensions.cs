using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Modelship.Telemetry;

public static class PrometheusEndpointRouteBuilderExtensions
{
    /// <summary>Answers GET on <paramref name="pattern"/> with the <see cref="PrometheusCollector"/> registered as a service.</summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPrometheusMetrics(pattern, endpoints.ServiceProvider.GetRequiredService<PrometheusCollector>());
    }

    /// <summary>Answers GET on <paramref name="pattern"/> (usually <c>/metrics</c>) with the collector's exposition.</summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(
        this IEndpointRouteBuilder endpoints, string pattern, PrometheusCollector collector)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(collector);
        return endpoints.MapGet(pattern, async context =>
        {
            context.Response.ContentType = PrometheusCollector.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await collector.WriteToAsync(context.Response.Body, context.RequestAborted);
        });
    }
}
