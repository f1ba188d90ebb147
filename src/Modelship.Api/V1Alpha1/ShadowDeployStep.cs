using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>A champion whose outputs go on, and challengers run on the same inputs for comparison only.</summary>
public sealed record ShadowDeployStep
{
    /// <summary>The model whose outputs go on.</summary>
    [Description("Champion is the model whose outputs go on to the next step.")]
    public required StepModel Champion { get; init; }

    /// <summary>Models run for comparison.</summary>
    [Description("Challengers receive every input of the step off the request path (they never delay or change the answer); their answers are logged and compared with the champion's.")]
    public required IReadOnlyList<StepModel> Challengers { get; init; }
}
