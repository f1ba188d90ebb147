using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Watch;

/// <summary>
/// One event of a watch stream: an object for Added/Modified/Deleted, a Status for Error, and for a Bookmark only
/// the resourceVersion it carries (a bookmark's object has nothing but metadata.resourceVersion, which no kind with
/// required fields could be read from).
/// </summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, V1Status? ErrorStatus, string? BookmarkResourceVersion = null)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The resourceVersion a watch resumes from after this event, when it carries one.</summary>
    public string? ResourceVersion => Object?.Metadata.ResourceVersion ?? BookmarkResourceVersion;

    /// <summary>True for an ERROR event saying the resourceVersion is too old: the consumer must relist.</summary>
    public bool IsGone => Type == WatchEventType.Error
        && (ErrorStatus?.Code == 410 || ErrorStatus?.Reason is "Expired" or "Gone");
}
