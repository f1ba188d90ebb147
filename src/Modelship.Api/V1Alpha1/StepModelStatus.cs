using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>One model of a step as resolved by the controller.</summary>
public sealed record StepModelStatus
{
    /// <summary>The model's name within its step.</summary>
    [Description("Name of the model within its step.")]
    public required string Name { get; init; }

    /// <summary>The version that answers.</summary>
    [Description("Version that answers: the inline model's version, or the referenced ModelDeployment's active version.")]
    public string? Version { get; init; }

    /// <summary>The referenced ModelDeployment, if any.</summary>
    [Description("ModelDeployment is the name of the referenced ModelDeployment; absent for inline models.")]
    public string? ModelDeployment { get; init; }

    /// <summary>Whether the model can answer.</summary>
    [Description("Ready is true when the model can answer (its model servers, or the referenced ModelDeployment, are ready).")]
    public required bool Ready { get; init; }
}
