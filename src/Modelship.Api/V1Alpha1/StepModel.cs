using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>A model a step runs: a ModelDeployment of the same namespace or an inline model.</summary>
public sealed record StepModel
{
    /// <summary>Name of the model within its step; see the description for its default.</summary>
    [Description("Name of the model within its step (a DNS label); splits and combined outputs refer to it. Defaults to modelDeploymentRef.name, or for an inline model to the step's name.")]
    [Length(1, 63)]
    [Pattern(BackendName.Pattern)]
    public string? Name { get; init; }

    /// <summary>A ModelDeployment in the Pipeline's namespace.</summary>
    [Description("ModelDeploymentRef names a ModelDeployment in the Pipeline's namespace; the step calls its stable endpoint, so its champion, challengers, shadows and zero-downtime replacement apply. Exactly one of modelDeploymentRef and model is set.")]
    public ModelDeploymentReference? ModelDeploymentRef { get; init; }

    /// <summary>A model the Pipeline deploys itself.</summary>
    [Description("Model is an inline model that the Pipeline's controller deploys like a ModelDeployment version. Exactly one of modelDeploymentRef and model is set.")]
    public InlineModelSpec? Model { get; init; }

    /// <summary>The name the step's options, outputs and logs use: <see cref="Name"/>, else the reference's, else the step's.</summary>
    public string EffectiveName(string stepName) => Name ?? ModelDeploymentRef?.Name ?? stepName;
}
