using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Controllers;

/// <summary>What a reconcile is about: namespace (null for cluster-scoped kinds) and name. Prints as <c>namespace/name</c>.</summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    public static ObjectKey From(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new ObjectKey(
            string.IsNullOrEmpty(obj.Metadata.NamespaceProperty) ? null : obj.Metadata.NamespaceProperty,
            obj.Metadata.Name ?? throw new ArgumentException("The object has no metadata.name.", nameof(obj)));
    }

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
