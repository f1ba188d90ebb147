using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Watch;

/// <summary>One event of a watch stream: an object for Added/Modified/Deleted/Bookmark, a Status for Error.</summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, Status? ErrorStatus)
    where T : class, IKubernetesObject
{
    /// <summary>True for an ERROR event saying the resourceVersion is too old: the consumer must relist.</summary>
    public bool IsGone => Type == WatchEventType.Error
        && (ErrorStatus?.Code == 410 || ErrorStatus?.Reason is "Expired" or "Gone");
}
