using System.Text.Json;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// Server-side apply of owned objects, skipped when the cached object carries the hash of the same desired object:
/// a reconcile that finds nothing to change makes no request.
/// </summary>
internal static class ChildWriter
{
    private static readonly ApplyOptions Apply = new() { Force = true };

    /// <returns>Whether an apply was sent.</returns>
    public static async Task<bool> ApplyAsync<T>(ResourceClient<T> client, ObjectCache<T> cache, T desired, JsonSerializerOptions serializer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        var hash = AppliedHash.Stamp(desired, serializer);
        if (AppliedHash.Matches(cache.Get(desired.Metadata.Namespace, desired.Metadata.Name!), hash))
        {
            return false;
        }
        await client.ApplyAsync(desired, Apply, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public static async Task DeleteAsync<T>(ResourceClient<T> client, T live, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        try
        {
            await client.DeleteAsync(live.Metadata.Namespace, live.Metadata.Name!, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.IsNotFound)
        {
            // Already gone.
        }
    }
}
