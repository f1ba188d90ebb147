using Microsoft.AspNetCore.Http;

namespace Modelship.Serving.Auth;

/// <summary>Which tokens a request needs.</summary>
public enum EndpointAccessLevel
{
    /// <summary>No token: probes, Prometheus and the operator's monitoring read.</summary>
    Open,

    /// <summary>An inference token: inference and model metadata, over HTTP and gRPC.</summary>
    Inference,

    /// <summary>An admin token: the inference log and its export, actuals.</summary>
    Admin,
}

/// <summary>
/// Sorts requests by the tokens they need. Open: what the kubelet, Prometheus and the operator call without
/// credentials (<c>/v2/health/*</c>, <c>/metrics</c>, <c>GET /v2/monitoring</c>, which holds aggregates only, and the gRPC
/// ServerLive/ServerReady probes). Admin: what exposes logged predictions or writes to the router's stores. Everything
/// else, unknown paths included, needs an inference token, so a route added later is closed until classified.
/// </summary>
public static class EndpointAccess
{
    private const string GrpcService = "/inference.GRPCInferenceService/";

    public static EndpointAccessLevel Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Of(request.Method, request.Path.Value ?? "");
    }

    public static EndpointAccessLevel Of(string method, string path)
    {
        if (path.StartsWith("/v2/health/", StringComparison.Ordinal)
            || path is "/metrics" or GrpcService + "ServerLive" or GrpcService + "ServerReady"
            || (path == "/v2/monitoring" && HttpMethods.IsGet(method)))
        {
            return EndpointAccessLevel.Open;
        }
        if (path == "/v2/logs" || path.StartsWith("/v2/logs/", StringComparison.Ordinal)
            || (path.StartsWith("/v2/models/", StringComparison.Ordinal) && path.EndsWith("/actuals", StringComparison.Ordinal)))
        {
            return EndpointAccessLevel.Admin;
        }
        return EndpointAccessLevel.Inference;
    }
}
