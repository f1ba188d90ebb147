using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Informers;

/// <summary>
/// Drops <c>metadata.managedFields</c> from objects before they are cached, as controller-runtime's
/// <c>TransformStripManagedFields</c> does: server-side apply's bookkeeping is often larger than the rest of the object
/// and no controller reads it, so caching it is most of an informer's memory for nothing. An update sent from a cached
/// object omits the field, which the API server answers by keeping the managed fields it has.
/// </summary>
public static class ManagedFieldsTransform
{
    public const string FieldName = "managedFields";

    /// <summary>Removes managedFields from <paramref name="obj"/> in place and returns it.</summary>
    public static T Strip<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.Metadata is { } metadata)
        {
            metadata.ManagedFields = null;
        }

        return obj;
    }
}
