using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Http;

/// <summary>
/// The one writer of error answers for the router and the runtime: the V2 error shape <c>{"error": "..."}</c> as
/// application/json with a Content-Length, whatever the status.
/// </summary>
public static class ErrorResponses
{
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse(message), ProtocolJsonContext.Relaxed.ErrorResponse);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
