using System.Collections.Concurrent;
using Modelship.Kubernetes.Controllers;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// The resourceVersions this process has itself written over, per object: a cached object still at one of them does
/// not show our own last write yet (the watch event is on its way, and brings the next reconcile). Deciding on it would
/// replay what that write recorded, so the reconciler waits for the cache instead. Each write is conditional on the
/// resourceVersion it was computed from, so the version written over is the one the write replaced, not an older one.
/// </summary>
public sealed class SupersededVersions
{
    private readonly ConcurrentDictionary<ObjectKey, string[]> _superseded = new();

    /// <summary>A write to <paramref name="key"/> computed from <paramref name="resourceVersion"/> succeeded.</summary>
    public void WroteOver(ObjectKey key, string? resourceVersion)
    {
        if (resourceVersion is not null)
        {
            _superseded.AddOrUpdate(key, [resourceVersion], (_, versions) => [.. versions, resourceVersion]);
        }
    }

    /// <summary>
    /// Whether the cached <paramref name="resourceVersion"/> is one our writes replaced. Once the cache shows another,
    /// it has caught up (watch events arrive in order), and the versions recorded for the key are dropped.
    /// </summary>
    public bool IsSuperseded(ObjectKey key, string? resourceVersion)
    {
        if (!_superseded.TryGetValue(key, out var versions))
        {
            return false;
        }
        if (resourceVersion is not null && versions.Contains(resourceVersion, StringComparer.Ordinal))
        {
            return true;
        }
        _superseded.TryRemove(KeyValuePair.Create(key, versions));
        return false;
    }

    public void Forget(ObjectKey key) => _superseded.TryRemove(key, out _);
}
