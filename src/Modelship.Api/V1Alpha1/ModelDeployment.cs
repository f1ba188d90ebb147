using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Modelship.Api.Schema;
using Modelship.Kubernetes.Models;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// A machine-learning model served behind one endpoint: a champion version, optional challengers that take a share of
/// the traffic and shadows that see a copy of it, rolled out by replacement or canary.
/// </summary>
[Description("ModelDeployment serves a machine-learning model behind one endpoint: a champion version, optional challengers that take a share of the traffic and shadows that receive a copy of it, replaced by a rollout (Replace or Canary) with validation, history and monitoring.")]
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class ModelDeployment : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "modelship.dev";
    public const string Version = "v1alpha1";
    public const string KindName = "ModelDeployment";
    public const string Plural = "modeldeployments";
    public const string Singular = "modeldeployment";
    public const string ShortName = "mdep";
    public const string GroupVersion = Group + "/" + Version;

    /// <summary>Where ModelDeployments live in the API, for <c>client.For&lt;ModelDeployment&gt;()</c>.</summary>
    public static ResourceType Resource { get; } = ResourceType.Of<ModelDeployment>();

    /// <summary>APIVersion of the object, always <c>modelship.dev/v1alpha1</c>.</summary>
    [Description("APIVersion defines the versioned schema of this representation of an object: modelship.dev/v1alpha1.")]
    public string ApiVersion { get; set; } = GroupVersion;

    /// <summary>Kind of the object, always <c>ModelDeployment</c>.</summary>
    [Description("Kind is the REST resource this object represents: ModelDeployment.")]
    public string Kind { get; set; } = KindName;

    /// <summary>Standard object metadata (the client's <see cref="V1ObjectMeta"/>); unmodeled fields round-trip.</summary>
    [Description("Standard object metadata.")]
    [EmbeddedObjectMeta]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired state, written by people or GitOps tools.</summary>
    [Description("Spec is the desired state: the champion model, its runtime, traffic split, rollout, replacement policy and monitoring.")]
    public required ModelDeploymentSpec Spec { get; set; }

    /// <summary>The observed state, written only by the operator through the status subresource.</summary>
    [Description("Status is the observed state, written by the operator: phase, conditions, active and pending model, effective traffic, history and endpoint.")]
    public ModelDeploymentStatus? Status { get; set; }
}
