using System.Net;
using System.Text.Json;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Client;

/// <summary>Turns an error response into a <see cref="KubernetesApiException"/>.</summary>
public static class KubernetesApiErrors
{
    /// <param name="body">The response body; a Status JSON when the API server produced the error.</param>
    /// <param name="retryAfterHeader">The Retry-After header as a delay, if present.</param>
    public static KubernetesApiException FromResponse(
        HttpStatusCode statusCode, string? body, TimeSpan? retryAfterHeader, string? requestDescription = null)
    {
        var status = TryParseStatus(body);
        return FromStatus(statusCode, status, body, retryAfterHeader, requestDescription);
    }

    /// <summary>From a Status received inside a watch stream (ERROR event).</summary>
    public static KubernetesApiException FromWatchStatus(V1Status status)
    {
        var code = status.Code is { } c and > 0 ? (HttpStatusCode)c : HttpStatusCode.InternalServerError;
        return FromStatus(code, status, null, null, "watch");
    }

    public static KubernetesErrorReason ParseReason(string? reason) =>
        !string.IsNullOrEmpty(reason) && Enum.TryParse<KubernetesErrorReason>(reason, ignoreCase: false, out var parsed)
            ? parsed
            : KubernetesErrorReason.Unknown;

    public static KubernetesErrorReason ReasonFromStatusCode(HttpStatusCode statusCode) => statusCode switch
    {
        HttpStatusCode.BadRequest => KubernetesErrorReason.BadRequest,
        HttpStatusCode.Unauthorized => KubernetesErrorReason.Unauthorized,
        HttpStatusCode.Forbidden => KubernetesErrorReason.Forbidden,
        HttpStatusCode.NotFound => KubernetesErrorReason.NotFound,
        HttpStatusCode.MethodNotAllowed => KubernetesErrorReason.MethodNotAllowed,
        HttpStatusCode.NotAcceptable => KubernetesErrorReason.NotAcceptable,
        HttpStatusCode.Conflict => KubernetesErrorReason.Conflict,
        HttpStatusCode.Gone => KubernetesErrorReason.Gone,
        HttpStatusCode.RequestEntityTooLarge => KubernetesErrorReason.RequestEntityTooLarge,
        HttpStatusCode.UnsupportedMediaType => KubernetesErrorReason.UnsupportedMediaType,
        HttpStatusCode.UnprocessableEntity => KubernetesErrorReason.Invalid,
        HttpStatusCode.TooManyRequests => KubernetesErrorReason.TooManyRequests,
        HttpStatusCode.InternalServerError => KubernetesErrorReason.InternalError,
        HttpStatusCode.ServiceUnavailable => KubernetesErrorReason.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout => KubernetesErrorReason.Timeout,
        _ => KubernetesErrorReason.Unknown,
    };

    private static KubernetesApiException FromStatus(
        HttpStatusCode statusCode, V1Status? status, string? body, TimeSpan? retryAfterHeader, string? requestDescription)
    {
        var reason = ParseReason(status?.Reason);
        if (reason == KubernetesErrorReason.Unknown)
        {
            reason = ReasonFromStatusCode(statusCode);
        }

        var retryAfter = retryAfterHeader;
        if (retryAfter is null && status?.Details?.RetryAfterSeconds is { } seconds and > 0)
        {
            retryAfter = TimeSpan.FromSeconds(seconds);
        }

        var detail = status?.Message;
        if (string.IsNullOrEmpty(detail))
        {
            detail = string.IsNullOrWhiteSpace(body) ? "(no body)" : Truncate(body.Trim(), 500);
        }

        var prefix = requestDescription is null ? "" : $"{requestDescription}: ";
        var message = $"{prefix}{(int)statusCode} {reason}: {detail}";
        return new KubernetesApiException(statusCode, reason, message, status?.Details?.Causes?.ToList(), retryAfter, status);
    }

    private static V1Status? TryParseStatus(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            var status = JsonSerializer.Deserialize(body, KubernetesJsonContext.Default.V1Status);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
