using k8s.Models;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>Labels, owner references and annotations shared by every object a ModelDeployment owns.</summary>
public static class ChildMetadata
{
    public const string NameLabel = "app.kubernetes.io/name";
    public const string InstanceLabel = "app.kubernetes.io/instance";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string VersionLabel = "app.kubernetes.io/version";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string PartOfLabel = "app.kubernetes.io/part-of";

    /// <summary>The owning ModelDeployment's full name on router pods (pods are owned by ReplicaSets, not by it).</summary>
    public const string ModelDeploymentAnnotation = "modelship.dev/model-deployment";

    /// <summary>Hash of the applied desired object; equal hash and an existing object mean nothing to apply.</summary>
    public const string AppliedHashAnnotation = "modelship.dev/applied-hash";

    public const string AppName = "modelship";
    public const string ManagedBy = "modelship-operator";
    public const string RuntimeComponent = "runtime";
    public const string RouterComponent = "router";
    public const string RoutingComponent = "routing-table";

    /// <summary>
    /// Selects the router pods of every ModelDeployment: the controller caches only these pods, not every pod of the
    /// cluster.
    /// </summary>
    public const string RouterPodSelector = ComponentLabel + "=" + RouterComponent + "," + ManagedByLabel + "=" + ManagedBy;

    /// <summary>Selects every object the operator manages.</summary>
    public const string ManagedSelector = ManagedByLabel + "=" + ManagedBy;

    /// <summary>The labels that select a component's pods (stable for the life of the Deployment).</summary>
    public static Dictionary<string, string> Selector(MD owner, string component, string? version = null)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NameLabel] = AppName,
            [InstanceLabel] = ChildNames.InstanceLabel(owner.Metadata.Name!),
            [ComponentLabel] = component,
        };
        if (version is not null)
        {
            labels[VersionLabel] = version;
        }
        return labels;
    }

    /// <summary>Selector labels plus managed-by and part-of.</summary>
    public static Dictionary<string, string> Labels(MD owner, string component, string? version = null)
    {
        var labels = Selector(owner, component, version);
        labels[ManagedByLabel] = ManagedBy;
        labels[PartOfLabel] = AppName;
        return labels;
    }

    public static V1OwnerReference V1OwnerReference(MD owner) => new()
    {
        ApiVersion = MD.GroupVersion,
        Kind = MD.KindName,
        Name = owner.Metadata.Name!,
        Uid = owner.Metadata.Uid ?? throw new ArgumentException("the ModelDeployment has no uid; read it from the API server first", nameof(owner)),
        Controller = true,
        BlockOwnerDeletion = true,
    };

    public static V1ObjectMeta For(MD owner, string name, string component, string? version = null) => new()
    {
        Name = name,
        NamespaceProperty = owner.Metadata.NamespaceProperty,
        Labels = Labels(owner, component, version),
        OwnerReferences = [V1OwnerReference(owner)],
    };
}
