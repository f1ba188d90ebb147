using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Modelship.Operator.Hosting;

/// <summary><c>/healthz</c>: the process serves requests. <c>/readyz</c>: the informer caches have synced.</summary>
internal static class ProbeEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, Func<bool> ready)
    {
        // Plain RequestDelegates: handlers with parameters/results would load the expression-compiling request
        // delegate factory, a few MiB of resident memory for two constant answers.
        endpoints.MapGet("/healthz", context => WriteAsync(context, StatusCodes.Status200OK, "ok"));
        endpoints.MapGet("/readyz", context => ready()
            ? WriteAsync(context, StatusCodes.Status200OK, "ok")
            : WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "informer caches have not synced yet"));
    }

    private static Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
