using System.ComponentModel;
using k8s;
using k8s.Models;
using Modelship.Api.Schema;
using Modelship.Kubernetes.Models;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// A model server described once (image, command, args, port, the model formats it serves) and used by many
/// ModelDeployments and Pipeline inline models, like KServe's ServingRuntime. A template: it has no status of its own;
/// the ModelDeployments that use it report whether it could be used.
/// </summary>
[Description("ServingRuntime describes a model server speaking the Open Inference Protocol V2 once (image, command, args, env, port and the model formats it serves) so that many ModelDeployments and Pipeline inline models can use it by name (spec.runtime.name) or have it chosen by model format. Like KServe's ServingRuntime. It is a template: ModelDeployments using it report in their conditions whether it could be used.")]
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class ServingRuntime : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = ModelDeployment.Group;
    public const string Version = ModelDeployment.Version;
    public const string KindName = "ServingRuntime";
    public const string Plural = "servingruntimes";
    public const string Singular = "servingruntime";
    public const string ShortName = "msrt";
    public const string GroupVersion = Group + "/" + Version;

    /// <summary>Where ServingRuntimes live in the API, for <c>client.For&lt;ServingRuntime&gt;()</c>.</summary>
    public static ResourceType Resource { get; } = ResourceType.Of<ServingRuntime>();

    [Description("APIVersion defines the versioned schema of this representation of an object: modelship.dev/v1alpha1.")]
    public string ApiVersion { get; set; } = GroupVersion;

    [Description("Kind is the REST resource this object represents: ServingRuntime.")]
    public string Kind { get; set; } = KindName;

    [Description("Standard object metadata.")]
    [EmbeddedObjectMeta]
    public V1ObjectMeta Metadata { get; set; } = new();

    [Description("Spec describes the model server: its container and the model formats it serves.")]
    public required ServingRuntimeSpec Spec { get; set; }
}
