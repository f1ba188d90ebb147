using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Modelship.Serving.Http;

/// <summary>How the router or the runtime answers an exception that escaped an endpoint: status, message, and whether it is a bug.</summary>
public readonly record struct RequestFailure(int Status, string Message, bool IsBug);

/// <summary>
/// Exceptions that escape an endpoint, answered like every other error. Kestrel would answer them with an empty body
/// and log "an unhandled exception was thrown by the application" even for a caller's slow body; the endpoints catch
/// them and call <see cref="AnswerAsync"/> instead (inside their own async method: a wrapping middleware would cost
/// every request an allocation).
/// </summary>
public static class RequestFailures
{
    public static RequestFailure Classify(Exception exception, RequestLimits limits) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => new(StatusCodes.Status408RequestTimeout, limits.TooSlowMessage(), false),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new(StatusCodes.Status413PayloadTooLarge, limits.TooLargeMessage(), false),
        BadHttpRequestException bad => new(bad.StatusCode, $"the request could not be read: {bad.Message}", false),
        _ => new(StatusCodes.Status500InternalServerError, "the server failed to handle the request; its log has the details", true),
    };

    /// <summary>
    /// True when an answer can still be written: the response has not started and the caller is still there. When the
    /// caller is gone nothing is answered or counted, as for a caller that aborts while a backend answers.
    /// </summary>
    public static bool CanAnswer(HttpContext context) => !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested;

    /// <summary>Logs the failure (a warning for the caller's, an error with the exception for a bug), answers it, and returns it for counting.</summary>
    public static async Task<RequestFailure> AnswerAsync(HttpContext context, Exception exception, RequestLimits limits, ILogger logger)
    {
        var failure = Classify(exception, limits);
        if (failure.IsBug)
        {
            RequestFailureLog.Failed(logger, exception, context.Request.Method, context.Request.Path.Value ?? "");
        }
        else
        {
            RequestFailureLog.Refused(logger, context.Request.Method, context.Request.Path.Value ?? "", failure.Status, failure.Message);
        }
        await ErrorResponses.WriteAsync(context, failure.Status, failure.Message).ConfigureAwait(false);
        return failure;
    }
}
