using System.Collections.Frozen;
using System.Reflection;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

/// <summary>Where a kind lives in the API: enough to build its REST paths.</summary>
/// <param name="Group">API group; empty for the core group (<c>/api/v1</c>).</param>
public sealed record ResourceType(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    /// <summary>Kinds that are not namespaced; <see cref="KubernetesEntityAttribute"/> does not say.</summary>
    private static readonly FrozenSet<string> ClusterScopedKinds = FrozenSet.ToFrozenSet(
    [
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
        "StorageClass", "PriorityClass", "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        "CertificateSigningRequest", "RuntimeClass", "CSIDriver", "CSINode", "VolumeAttachment", "IngressClass",
    ], StringComparer.Ordinal);

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary><c>/api/v1</c> for the core group, <c>/apis/{group}/{version}</c> otherwise.</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    /// <summary>The resource of a typed kind, from its <see cref="KubernetesEntityAttribute"/> (the package's models and
    /// our custom resources carry one).</summary>
    public static ResourceType Of<T>()
        where T : class => Cache<T>.Resource;

    public override string ToString() => $"{Plural}.{(Group.Length == 0 ? "core" : Group)}/{Version}";

    private static ResourceType FromEntity(Type type)
    {
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{type} has no [KubernetesEntity]: give its resource explicitly with client.For<{type.Name}>(resource).");
        return new ResourceType(entity.Group ?? "", entity.ApiVersion, entity.Kind, entity.PluralName, !ClusterScopedKinds.Contains(entity.Kind));
    }

    private static class Cache<T>
    {
        public static readonly ResourceType Resource = FromEntity(typeof(T));
    }
}
