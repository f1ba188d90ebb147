using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Modelship.Operator.Hosting;

/// <summary><c>/healthz</c>: the process serves requests. <c>/readyz</c>: the informer caches have synced.</summary>
internal static class ProbeEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, Func<bool> ready)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", () => ready()
            ? Results.Text("ok")
            : Results.Text("informer caches have not synced yet", statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}
