using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// The custom resource that controls a child, as the shared builders need it: its identity for the owner reference,
/// the label value that names it, and what sets its children apart from those of another kind with the same name.
/// </summary>
/// <param name="ComponentPrefix">Prefix of the component label: empty for a ModelDeployment, <c>pipeline-</c> for a
/// Pipeline, so that a ModelDeployment and a Pipeline of the same name never select each other's pods.</param>
/// <param name="PodAnnotation">The annotation on router pods naming the owner (pods are owned by ReplicaSets).</param>
public sealed record ChildOwner(string ApiVersion, string Kind, string Name, string? Namespace, string? Uid, string ComponentPrefix, string PodAnnotation)
{
    /// <summary>The annotation on a Pipeline's router pods naming the Pipeline.</summary>
    public const string PipelineAnnotation = "modelship.dev/pipeline";

    public const string PipelineComponentPrefix = "pipeline-";

    public static ChildOwner Of(MD owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new(MD.GroupVersion, MD.KindName, owner.Metadata.Name!, owner.Metadata.NamespaceProperty, owner.Metadata.Uid, "", ChildMetadata.ModelDeploymentAnnotation);
    }

    public static ChildOwner Of(PipelineResource owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new(PipelineResource.GroupVersion, PipelineResource.KindName, owner.Metadata.Name!, owner.Metadata.NamespaceProperty, owner.Metadata.Uid, PipelineComponentPrefix, PipelineAnnotation);
    }

    /// <summary>The component label value of one of this owner's components (<see cref="ChildMetadata.RouterComponent"/> ...).</summary>
    public string Component(string component) => ComponentPrefix + component;

    public V1OwnerReference Reference() => new()
    {
        ApiVersion = ApiVersion,
        Kind = Kind,
        Name = Name,
        Uid = Uid ?? throw new InvalidOperationException($"the {Kind} has no uid; read it from the API server first"),
        Controller = true,
        BlockOwnerDeletion = true,
    };
}
