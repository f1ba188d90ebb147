using System.Text.Json;
using k8s;
using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// Server-side apply of owned objects, sent only when <see cref="ChildDrift"/> finds a reason: the child is missing,
/// its desired object changed, or someone else changed it since our last apply (which the apply then reverts, taking
/// back the fields we manage). A reconcile that finds nothing to change makes no request.
/// </summary>
internal sealed class ChildWriter(AppliedChildren applied)
{
    private static readonly ApplyOptions Apply = new() { Force = true };

    /// <returns>Why an apply was sent; <see cref="ChildApply.None"/> when none was.</returns>
    public async Task<ChildApply> ApplyAsync<T>(ResourceClient<T> client, ObjectCache<T> cache, T desired, ObjectKey owner, JsonSerializerOptions serializer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var hash = AppliedHash.Stamp(desired, serializer);
        var cached = cache.Get(desired.Metadata.NamespaceProperty, desired.Metadata.Name!);
        var reason = ChildDrift.Decide(desired, hash, cached, applied.Get(desired));
        if (reason == ChildApply.None)
        {
            return reason;
        }
        var answer = await client.ApplyAsync(desired, Apply, cancellationToken).ConfigureAwait(false);
        applied.Record(owner, answer, cached?.Metadata.ResourceVersion, hash);
        return reason;
    }

    public async Task DeleteAsync<T>(ResourceClient<T> client, T live, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            await client.DeleteAsync(live.Metadata.NamespaceProperty, live.Metadata.Name!, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.IsNotFound)
        {
            // Already gone.
        }
        applied.Forget(live);
    }

    /// <summary>Forgets what was applied for a ModelDeployment that is gone.</summary>
    public void ForgetOwner(ObjectKey owner) => applied.ForgetOwner(owner);
}
