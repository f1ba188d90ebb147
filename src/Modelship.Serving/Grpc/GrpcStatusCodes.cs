using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Modelship.Serving.Grpc;

/// <summary>The gRPC status for a V2 REST error answer, with the answer's <c>{"error": "..."}</c> as its message.</summary>
public static class GrpcStatusCodes
{
    public static StatusCode FromHttp(int status) => status switch
    {
        StatusCodes.Status400BadRequest => StatusCode.InvalidArgument,
        StatusCodes.Status401Unauthorized => StatusCode.Unauthenticated,
        StatusCodes.Status403Forbidden => StatusCode.PermissionDenied,
        StatusCodes.Status404NotFound => StatusCode.NotFound,
        StatusCodes.Status405MethodNotAllowed or StatusCodes.Status501NotImplemented => StatusCode.Unimplemented,
        StatusCodes.Status408RequestTimeout or StatusCodes.Status504GatewayTimeout => StatusCode.DeadlineExceeded,
        StatusCodes.Status413PayloadTooLarge or StatusCodes.Status429TooManyRequests => StatusCode.ResourceExhausted,
        StatusCodes.Status503ServiceUnavailable => StatusCode.Unavailable,
        >= 400 and < 500 => StatusCode.InvalidArgument,
        StatusCodes.Status500InternalServerError => StatusCode.Internal,
        _ => StatusCode.Unknown,
    };

    public static RpcException ToException(RestAnswer answer, Metadata? trailers = null) =>
        new(new Status(FromHttp(answer.Status), ErrorMessage(answer)), trailers ?? Metadata.Empty);

    /// <summary>The <c>error</c> of a V2 error body, else the body's text, else the HTTP status.</summary>
    public static string ErrorMessage(RestAnswer answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not the V2 error shape: the text itself says more than nothing.
        }

        var text = System.Text.Encoding.UTF8.GetString(answer.Body).Trim();
        return text.Length > 0 ? text : $"HTTP status {answer.Status}";
    }
}
