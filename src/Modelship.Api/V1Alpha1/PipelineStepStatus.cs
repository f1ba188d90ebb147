using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>The observed state of one step.</summary>
public sealed record PipelineStepStatus
{
    /// <summary>The step's name.</summary>
    [Description("Name of the step.")]
    public required string Name { get; init; }

    /// <summary>Whether every model of the step can answer.</summary>
    [Description("Ready is true when every model of the step can answer (steps without models are always ready).")]
    public required bool Ready { get; init; }

    /// <summary>The step's models as resolved.</summary>
    [Description("Models are the step's models as the routing table resolves them.")]
    public IReadOnlyList<StepModelStatus>? Models { get; init; }
}
