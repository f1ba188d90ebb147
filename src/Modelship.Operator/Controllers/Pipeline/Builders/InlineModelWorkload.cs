using k8s;
using k8s.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Operator.Controllers.Pipeline.Builders;

/// <summary>
/// A Pipeline's inline model as a model server (<see cref="RuntimeWorkload"/>), built and served by the same
/// <see cref="RuntimeDeploymentBuilder"/> and <see cref="RuntimeServiceBuilder"/> as a ModelDeployment version: one
/// Deployment and Service per step, model and version (<see cref="ChildNames.PipelineRuntime"/>).
/// </summary>
public static class InlineModelWorkload
{
    /// <summary>One server per inline model: the spec has no replica count for them.</summary>
    public const int Replicas = 1;

    public static RuntimeWorkload Build(PipelineResource owner, StepModelRef model)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(model);
        var inline = model.Inline ?? throw new ArgumentException($"step '{model.Step}': model '{model.Name}' is not an inline model", nameof(model));
        var childOwner = ChildOwner.Of(owner);
        var version = inline.Version;
        var stepModel = ChildNames.StepModel(model.Step, model.Name);
        return new RuntimeWorkload
        {
            Metadata = ChildMetadata.For(childOwner, Name(owner, model), ChildMetadata.RuntimeComponent, version, stepModel),
            Selector = ChildMetadata.Selector(childOwner, ChildMetadata.RuntimeComponent, version, stepModel),
            PodLabels = ChildMetadata.Labels(childOwner, ChildMetadata.RuntimeComponent, version, stepModel),
            Model = inline.ToModelSpec(),
            Runtime = inline.Runtime,
            ModelName = ModelName(model),
            Replicas = Replicas,
        };
    }

    /// <summary>The Deployment and Service name of <paramref name="model"/> at <paramref name="version"/> (its spec's by default).</summary>
    public static string Name(PipelineResource owner, StepModelRef model, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(model);
        return ChildNames.PipelineRuntime(owner.Metadata.Name!, model.Step, model.Name, version ?? model.Inline!.Version);
    }

    /// <summary>
    /// The name the server serves the model under: runtime.modelName for a custom server, else <c>step-model</c>
    /// (as <c>modelship run</c> names it).
    /// </summary>
    public static string ModelName(StepModelRef model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Inline?.Runtime?.ModelName is { Length: > 0 } name ? name : $"{model.Step}-{model.Name}";
    }

    /// <summary>Where the routing table sends the model's requests.</summary>
    public static string Url(PipelineResource owner, StepModelRef model, string version)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(model);
        var port = model.Inline?.Runtime?.Port ?? Api.Defaults.ModelDeploymentDefaults.RuntimePort;
        return RuntimeServiceBuilder.Url(Name(owner, model, version), owner.Metadata.NamespaceProperty, port);
    }
}
