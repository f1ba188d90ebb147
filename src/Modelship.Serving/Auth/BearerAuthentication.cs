using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Modelship.Serving.Http;

namespace Modelship.Serving.Auth;

/// <summary>
/// The router's authentication middleware: before any endpoint runs, a request that needs tokens
/// (<see cref="EndpointAccess"/>) must carry <c>authorization: Bearer &lt;token&gt;</c> with a token of the matching set.
/// A refused HTTP request gets 401 with <c>WWW-Authenticate</c> and the V2 JSON error; a refused gRPC request
/// (<c>content-type: application/grpc*</c>) gets what gRPC clients understand: HTTP 200 with <c>grpc-status: 16</c>
/// (UNAUTHENTICATED) and <c>grpc-message</c>, in the trailers where the connection has them.
/// </summary>
public sealed class BearerAuthentication
{
    public const string Challenge = "Bearer realm=\"modelship\"";
    public const string InvalidTokenChallenge = "Bearer realm=\"modelship\", error=\"invalid_token\"";
    public const string GrpcUnauthenticated = "16";

    private readonly Func<BearerTokenSet>? _inference;
    private readonly Func<BearerTokenSet>? _admin;

    /// <param name="inference">The inference tokens; null: inference is open.</param>
    /// <param name="admin">The admin tokens; null: the inference tokens (or open, without those either).</param>
    public BearerAuthentication(Func<BearerTokenSet>? inference, Func<BearerTokenSet>? admin)
    {
        _inference = inference;
        _admin = admin ?? inference;
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var tokens = EndpointAccess.Of(context.Request) switch
        {
            EndpointAccessLevel.Inference => _inference,
            EndpointAccessLevel.Admin => _admin,
            _ => null,
        };
        if (tokens is null)
        {
            return next(context);
        }
        var presented = BearerToken(context.Request.Headers.Authorization);
        if (presented is not null && tokens().Contains(presented))
        {
            return next(context);
        }
        var message = presented is null ? "missing bearer token: send 'authorization: Bearer <token>'" : "invalid bearer token";
        return IsGrpc(context.Request) ? RefuseGrpcAsync(context, message) : RefuseHttpAsync(context, message, presented is not null);
    }

    /// <summary>The token of a single <c>Bearer</c> authorization header (scheme case-insensitive), or null.</summary>
    public static string? BearerToken(StringValues authorization)
    {
        if (authorization.Count != 1 || authorization[0] is not { } value)
        {
            return null;
        }
        const string Scheme = "Bearer ";
        if (value.Length <= Scheme.Length || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var token = value[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    private static Task RefuseHttpAsync(HttpContext context, string message, bool tokenPresented)
    {
        context.Response.Headers.WWWAuthenticate = tokenPresented ? InvalidTokenChallenge : Challenge;
        return ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, message);
    }

    private static Task RefuseGrpcAsync(HttpContext context, string message)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        if (response.SupportsTrailers())
        {
            response.AppendTrailer("grpc-status", GrpcUnauthenticated);
            response.AppendTrailer("grpc-message", Uri.EscapeDataString(message));
        }
        else
        {
            // HTTP/1.1 has no trailers: a "trailers-only" answer carries the status in its headers.
            response.Headers["grpc-status"] = GrpcUnauthenticated;
            response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        }
        return Task.CompletedTask;
    }
}
