namespace Modelship.Kubernetes.Client;

/// <summary>The <c>reason</c> of an API <c>Status</c> (metav1.StatusReason), or one derived from the HTTP code.</summary>
public enum KubernetesErrorReason
{
    Unknown,
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    NotAcceptable,
    AlreadyExists,
    Conflict,
    Gone,
    Expired,
    RequestEntityTooLarge,
    UnsupportedMediaType,
    Invalid,
    TooManyRequests,
    InternalError,
    ServiceUnavailable,
    ServerTimeout,
    Timeout,
}
