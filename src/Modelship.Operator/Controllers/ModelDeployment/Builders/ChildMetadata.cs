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

    /// <summary>On a Pipeline's model servers: which step and model they serve (<see cref="ChildNames.StepModel"/>).</summary>
    public const string StepModelLabel = "modelship.dev/step-model";

    /// <summary>
    /// Selects the router pods of every ModelDeployment: the controller caches only these pods, not every pod of the
    /// cluster.
    /// </summary>
    public const string RouterPodSelector = ComponentLabel + "=" + RouterComponent + "," + ManagedByLabel + "=" + ManagedBy;

    /// <summary>Selects the runtime (model server) pods of every ModelDeployment.</summary>
    public const string RuntimePodSelector = ComponentLabel + "=" + RuntimeComponent + "," + ManagedByLabel + "=" + ManagedBy;

    /// <summary>Selects the router pods of every Pipeline.</summary>
    public const string PipelineRouterPodSelector = ComponentLabel + "=" + ChildOwner.PipelineComponentPrefix + RouterComponent + "," + ManagedByLabel + "=" + ManagedBy;

    /// <summary>Selects every object the operator manages.</summary>
    public const string ManagedSelector = ManagedByLabel + "=" + ManagedBy;

    /// <summary>The labels that select a component's pods (stable for the life of the Deployment).</summary>
    public static Dictionary<string, string> Selector(MD owner, string component, string? version = null) => Selector(ChildOwner.Of(owner), component, version);

    /// <summary>Selector labels plus managed-by and part-of.</summary>
    public static Dictionary<string, string> Labels(MD owner, string component, string? version = null) => Labels(ChildOwner.Of(owner), component, version);

    public static V1OwnerReference V1OwnerReference(MD owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return owner.Metadata.Uid is null
            ? throw new ArgumentException("the ModelDeployment has no uid; read it from the API server first", nameof(owner))
            : ChildOwner.Of(owner).Reference();
    }

    public static V1ObjectMeta For(MD owner, string name, string component, string? version = null) => For(ChildOwner.Of(owner), name, component, version);

    /// <summary>
    /// The labels that select one of <paramref name="owner"/>'s components (stable for the life of the Deployment):
    /// <paramref name="component"/> is prefixed as the owner's kind wants (<see cref="ChildOwner.Component"/>), and
    /// <paramref name="model"/> sets a Pipeline's model servers apart (two steps may deploy the same version).
    /// </summary>
    public static Dictionary<string, string> Selector(ChildOwner owner, string component, string? version = null, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NameLabel] = AppName,
            [InstanceLabel] = ChildNames.InstanceLabel(owner.Name),
            [ComponentLabel] = owner.Component(component),
        };
        if (version is not null)
        {
            labels[VersionLabel] = version;
        }
        if (model is not null)
        {
            labels[StepModelLabel] = model;
        }
        return labels;
    }

    public static Dictionary<string, string> Labels(ChildOwner owner, string component, string? version = null, string? model = null)
    {
        var labels = Selector(owner, component, version, model);
        labels[ManagedByLabel] = ManagedBy;
        labels[PartOfLabel] = AppName;
        return labels;
    }

    public static V1ObjectMeta For(ChildOwner owner, string name, string component, string? version = null, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new()
        {
            Name = name,
            NamespaceProperty = owner.Namespace,
            Labels = Labels(owner, component, version, model),
            OwnerReferences = [owner.Reference()],
        };
    }
}
