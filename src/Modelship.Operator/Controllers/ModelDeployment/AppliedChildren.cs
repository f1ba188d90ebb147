using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Models;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>What this process last applied to a child, from the API server's answer.</summary>
/// <param name="ReplacedResourceVersion">The child's resourceVersion in the cache when we applied (null: it was not cached).</param>
/// <param name="Hash">The applied hash of the desired object sent.</param>
public sealed record AppliedChild(string? Uid, string? ResourceVersion, long? Generation, string? ReplacedResourceVersion, string Hash);

/// <summary>
/// The children this process applied, by kind, namespace and name (<see cref="ChildDrift"/> reads them). Kept in
/// memory only: a new process (or leader) applies each child once, which repairs anything changed while no operator
/// watched, and an unchanged child costs the API server no write (a server-side apply that changes nothing does not
/// persist).
/// </summary>
public sealed class AppliedChildren
{
    private readonly ConcurrentDictionary<(string Kind, string? Namespace, string Name), (ObjectKey Owner, AppliedChild Applied)> _applied = new();

    public AppliedChild? Get(IKubernetesObject<V1ObjectMeta> child)
    {
        ArgumentNullException.ThrowIfNull(child);
        return _applied.TryGetValue(Key(child), out var entry) ? entry.Applied : null;
    }

    /// <param name="answer">The child as the API server returned it from the apply.</param>
    public void Record(ObjectKey owner, IKubernetesObject<V1ObjectMeta> answer, string? replacedResourceVersion, string hash)
    {
        ArgumentNullException.ThrowIfNull(answer);
        _applied[Key(answer)] = (owner, new AppliedChild(answer.Metadata.Uid, answer.Metadata.ResourceVersion, answer.Metadata.Generation, replacedResourceVersion, hash));
    }

    public void Forget(IKubernetesObject<V1ObjectMeta> child)
    {
        ArgumentNullException.ThrowIfNull(child);
        _applied.TryRemove(Key(child), out _);
    }

    /// <summary>Forgets the children of a ModelDeployment that is gone.</summary>
    public void ForgetOwner(ObjectKey owner)
    {
        foreach (var (key, entry) in _applied)
        {
            if (entry.Owner == owner)
            {
                _applied.TryRemove(key, out _);
            }
        }
    }

    public int Count => _applied.Count;

    private static (string, string?, string) Key(IKubernetesObject<V1ObjectMeta> child) => (child.Kind, child.Metadata.NamespaceProperty, child.Metadata.Name!);
}
