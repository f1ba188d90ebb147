using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Modelship.Serving.Http;

/// <summary>
/// Makes the answers routing gives on its own JSON errors like the endpoints' (<see cref="ErrorResponses"/>): a path
/// no endpoint has is 404, a method a path does not take is 405 (with its Allow header). Costs a matched request one
/// type check and no allocation.
/// </summary>
public static class RejectionResponses
{
    /// <summary>Call after mapping the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        // After routing: no endpoint is a path nothing maps. Routing answers a known path with the wrong method
        // through an endpoint of its own, not a RouteEndpoint (HttpMethodMatcherPolicy's 405): run it for its status
        // and Allow header, then write the body. (A MapFallback would take the wrong-method requests as well.)
        app.UseRouting();
        app.Use((context, next) => context.GetEndpoint() switch
        {
            RouteEndpoint => next(context),
            null => ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, $"no endpoint {context.Request.Method} {context.Request.Path}"),
            var rejection => AnswerAsync(context, rejection),
        });
    }

    private static async Task AnswerAsync(HttpContext context, Endpoint endpoint)
    {
        if (endpoint.RequestDelegate is { } rejection)
        {
            await rejection(context).ConfigureAwait(false);
        }
        var status = context.Response.StatusCode;
        var allowed = context.Response.Headers[HeaderNames.Allow].ToString();
        var message = status == StatusCodes.Status405MethodNotAllowed
            ? $"method {context.Request.Method} is not allowed on {context.Request.Path}; allowed: {allowed}"
            : $"{context.Request.Method} {context.Request.Path} was refused with status {status}";
        await ErrorResponses.WriteAsync(context, status, message).ConfigureAwait(false);
    }
}
