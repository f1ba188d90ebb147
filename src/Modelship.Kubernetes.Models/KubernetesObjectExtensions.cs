using k8s;

namespace Modelship.Kubernetes.Models;

public static class KubernetesObjectExtensions
{
    /// <summary>
    /// Fills apiVersion and kind from the type's resource when unset: the package's models start without them, and a
    /// desired object (golden files, applied-hash) should describe itself.
    /// </summary>
    public static T WithTypeMeta<T>(this T obj)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(obj);
        var resource = ResourceType.Of<T>();
        obj.ApiVersion ??= resource.ApiVersion;
        obj.Kind ??= resource.Kind;
        return obj;
    }
}
