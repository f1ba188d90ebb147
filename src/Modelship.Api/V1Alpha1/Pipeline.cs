using System.ComponentModel;
using k8s;
using k8s.Models;
using Modelship.Api.Schema;
using Modelship.Kubernetes.Models;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// A chain of model steps behind one V2 endpoint, run by the router: each step's outputs are the next step's inputs.
/// </summary>
[Description("Pipeline serves a chain of steps behind one Open Inference Protocol V2 endpoint: models, ensembles, key and random splits, shadow deployments, audits, selections and validations. The router runs the steps in order; each step's outputs are the next step's inputs.")]
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class Pipeline : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = ModelDeployment.Group;
    public const string Version = ModelDeployment.Version;
    public const string KindName = "Pipeline";
    public const string Plural = "pipelines";
    public const string Singular = "pipeline";
    public const string ShortName = "mpipe";
    public const string GroupVersion = Group + "/" + Version;

    /// <summary>Where Pipelines live in the API, for <c>client.For&lt;Pipeline&gt;()</c>.</summary>
    public static ResourceType Resource { get; } = ResourceType.Of<Pipeline>();

    /// <summary>APIVersion of the object, always <c>modelship.dev/v1alpha1</c>.</summary>
    [Description("APIVersion defines the versioned schema of this representation of an object: modelship.dev/v1alpha1.")]
    public string ApiVersion { get; set; } = GroupVersion;

    /// <summary>Kind of the object, always <c>Pipeline</c>.</summary>
    [Description("Kind is the REST resource this object represents: Pipeline.")]
    public string Kind { get; set; } = KindName;

    /// <summary>Standard object metadata; unmodeled fields round-trip.</summary>
    [Description("Standard object metadata.")]
    [EmbeddedObjectMeta]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired state, written by people or GitOps tools.</summary>
    [Description("Spec is the desired state: the ordered steps and the inference log settings.")]
    public required PipelineSpec Spec { get; set; }

    /// <summary>The observed state, written only by the operator through the status subresource.</summary>
    [Description("Status is the observed state, written by the operator: phase, conditions, per-step status, endpoint and routing generation.")]
    public PipelineStatus? Status { get; set; }
}
