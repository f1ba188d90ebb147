namespace Modelship.Kubernetes.Watch;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>No change; only a newer resourceVersion to resume from.</summary>
    Bookmark,

    /// <summary>The server ended the watch with a Status (e.g. 410 Expired).</summary>
    Error,
}
