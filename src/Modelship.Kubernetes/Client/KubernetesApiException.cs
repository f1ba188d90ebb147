using System.Net;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Client;

/// <summary>A non-success answer of the API server, with the Status it sent when it sent one.</summary>
public sealed class KubernetesApiException : Exception
{
    public KubernetesApiException(
        HttpStatusCode statusCode,
        KubernetesErrorReason reason,
        string message,
        IReadOnlyList<V1StatusCause>? causes = null,
        TimeSpan? retryAfter = null,
        V1Status? status = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
        Causes = causes ?? [];
        RetryAfter = retryAfter;
        Status = status;
    }

    public HttpStatusCode StatusCode { get; }

    public KubernetesErrorReason Reason { get; }

    /// <summary>Per-field causes, e.g. of an Invalid error.</summary>
    public IReadOnlyList<V1StatusCause> Causes { get; }

    /// <summary>From the Retry-After header or the Status details; set on 429 and some 5xx answers.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The Status body, when the server sent one.</summary>
    public V1Status? Status { get; }

    public bool IsNotFound => Reason == KubernetesErrorReason.NotFound;

    public bool IsAlreadyExists => Reason == KubernetesErrorReason.AlreadyExists;

    /// <summary>An optimistic-concurrency conflict (stale resourceVersion) or a server-side apply field conflict.</summary>
    public bool IsConflict => Reason == KubernetesErrorReason.Conflict;

    public bool IsInvalid => Reason == KubernetesErrorReason.Invalid;

    /// <summary>The requested resourceVersion is too old (compacted): relist.</summary>
    public bool IsGone => Reason is KubernetesErrorReason.Gone or KubernetesErrorReason.Expired || StatusCode == HttpStatusCode.Gone;

    public bool IsForbidden => Reason == KubernetesErrorReason.Forbidden;

    public bool IsUnauthorized => Reason == KubernetesErrorReason.Unauthorized;

    public bool IsTooManyRequests => Reason == KubernetesErrorReason.TooManyRequests || StatusCode == HttpStatusCode.TooManyRequests;

    public bool IsServerError => (int)StatusCode >= 500;

    public bool IsServerTimeout => Reason is KubernetesErrorReason.ServerTimeout or KubernetesErrorReason.Timeout;
}
