using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Modelship.Serving.Grpc;

/// <summary>What a REST endpoint answered an in-process call: status, headers and body.</summary>
public sealed record RestAnswer(int Status, IHeaderDictionary Headers, byte[] Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>
/// Calls a REST endpoint delegate in process with a request made from a gRPC call: the path and route values the
/// REST route would have, the gRPC metadata as headers (so header routing keys work the same), the body as JSON.
/// </summary>
public static class InProcessRestCall
{
    /// <summary>Metadata that is gRPC's own transport, not the caller's: never passed on as request headers.</summary>
    private static readonly HashSet<string> TransportHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "content-length", "te", "user-agent", "host", "grpc-timeout", "grpc-encoding", "grpc-accept-encoding",
    };

    public static async Task<RestAnswer> InvokeAsync(
        RequestDelegate endpoint, string method, string path, string? name, string? version, byte[]? body,
        IEnumerable<KeyValuePair<string, StringValues>> headers, CancellationToken cancellationToken)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = method;
        request.Scheme = "http";
        request.Path = path;
        if (name is not null) request.RouteValues["name"] = name;
        if (version is not null) request.RouteValues["version"] = version;
        foreach (var (key, value) in headers)
        {
            if (!key.StartsWith(':') && !TransportHeaders.Contains(key) && !key.EndsWith("-bin", StringComparison.OrdinalIgnoreCase))
                request.Headers.Append(key, value);
        }

        if (body is not null)
        {
            request.ContentType = "application/json";
            request.ContentLength = body.Length;
            request.Body = new MemoryStream(body, writable: false);
        }

        using var answer = new MemoryStream();
        context.Response.Body = answer;
        context.RequestAborted = cancellationToken;
        await endpoint(context).ConfigureAwait(false);
        await context.Response.CompleteAsync().ConfigureAwait(false);
        return new RestAnswer(context.Response.StatusCode, context.Response.Headers, answer.ToArray());
    }
}
