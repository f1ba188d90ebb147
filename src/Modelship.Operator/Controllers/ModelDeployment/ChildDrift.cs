using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>Why a child is applied; <see cref="None"/>: it is as we last applied it, nothing is sent.</summary>
public enum ChildApply
{
    None,

    /// <summary>The child does not exist (never created, or deleted by someone).</summary>
    Missing,

    /// <summary>The desired object changed (its applied hash differs).</summary>
    Changed,

    /// <summary>This process has not applied the child yet (it started, or became the leader, since): applied once.</summary>
    Unrecorded,

    /// <summary>Someone deleted the child and created another of the same name.</summary>
    Recreated,

    /// <summary>Someone else changed the child since our last apply: a field we manage may differ.</summary>
    Drifted,
}

/// <summary>
/// Pure: whether a child must be applied, from the cached child and what this process last applied to it. The whole
/// live object is never compared with the desired one (server defaults would always differ, and Deployments are
/// cached without their Pod template). Instead: a change by anyone else shows as a resourceVersion that is neither
/// the one our last apply produced nor the one it replaced; for a Deployment only a spec change (metadata.generation
/// moved past ours) or a change to the labels, annotations and owner references we set counts, so the Deployment
/// controller's status updates cost nothing. Re-applying converges: the server's answer becomes the new record.
/// </summary>
public static class ChildDrift
{
    /// <param name="desired">The desired child, stamped with <paramref name="hash"/> (<see cref="AppliedHash.Stamp"/>).</param>
    /// <param name="applied">What this process last applied to the child; null if nothing.</param>
    public static ChildApply Decide(IKubernetesObject<V1ObjectMeta> desired, string hash, IKubernetesObject<V1ObjectMeta>? cached, AppliedChild? applied)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (cached is null)
        {
            return ChildApply.Missing;
        }
        var live = cached.Metadata;
        if (applied is not null && applied.Hash == hash && applied.Uid == live.Uid && live.ResourceVersion == applied.ReplacedResourceVersion)
        {
            // The cache does not show our last apply of this very object yet; its watch event is on the way.
            return ChildApply.None;
        }
        if (!AppliedHash.Matches(cached, hash))
        {
            return ChildApply.Changed;
        }
        if (applied is null)
        {
            return ChildApply.Unrecorded;
        }
        if (applied.Uid != live.Uid)
        {
            return ChildApply.Recreated;
        }
        if (live.ResourceVersion == applied.ResourceVersion)
        {
            return ChildApply.None;
        }
        if (live.Generation is not { } generation || applied.Generation is not { } ours)
        {
            return ChildApply.Drifted;
        }
        if (generation > ours)
        {
            return ChildApply.Drifted;
        }
        // An older generation: the cache is behind our apply. The same: not the spec, perhaps the metadata we set.
        return generation == ours && !HasMetadataOf(live, desired.Metadata) ? ChildApply.Drifted : ChildApply.None;
    }

    /// <summary>Whether <paramref name="live"/> carries every label, annotation and owner reference <paramref name="desired"/> sets.</summary>
    public static bool HasMetadataOf(V1ObjectMeta live, V1ObjectMeta desired)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(desired);
        return Contains(live.Labels, desired.Labels)
            && Contains(live.Annotations, desired.Annotations)
            && (desired.OwnerReferences ?? []).All(wanted => (live.OwnerReferences ?? []).Any(owner =>
                owner.Uid == wanted.Uid && owner.Kind == wanted.Kind && owner.Name == wanted.Name
                && owner.Controller == wanted.Controller && owner.BlockOwnerDeletion == wanted.BlockOwnerDeletion));
    }

    private static bool Contains(IDictionary<string, string>? live, IDictionary<string, string>? desired) =>
        (desired ?? new Dictionary<string, string>()).All(entry => live is not null && live.TryGetValue(entry.Key, out var value) && value == entry.Value);
}
