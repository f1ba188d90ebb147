using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Watch;

public enum ListWatchEventType
{
    /// <summary>
    /// The complete current list: replace the cache with <see cref="ListWatchEvent{T}.Items"/>, and treat cached
    /// objects missing from it as deleted. Always the first event, and again after every relist (410 Gone).
    /// </summary>
    Snapshot,
    Added,
    Modified,
    Deleted,
}

/// <summary>An event of a <see cref="ListWatcher{T}"/>: a snapshot of all items, or one change.</summary>
/// <param name="Namespace">
/// The namespace a <see cref="ListWatchEventType.Snapshot"/> covers: it replaces only the cached objects of that
/// namespace. Null: it covers everything the stream watches.
/// </param>
public sealed record ListWatchEvent<T>(ListWatchEventType Type, T? Object, IReadOnlyList<T> Items, string ResourceVersion, string? Namespace = null)
    where T : class, IKubernetesObject<V1ObjectMeta>;
