using System.ComponentModel;
using Modelship.Api.Defaults;

namespace Modelship.Api.V1Alpha1;

/// <summary>An ensemble: the same inputs to several models in parallel, outputs combined.</summary>
public sealed record MultiModelStep
{
    /// <summary>The models, at least two, with unique names.</summary>
    [Description("Models receive the same inputs in parallel; their names are unique within the step.")]
    public required IReadOnlyList<StepModel> Models { get; init; }

    /// <summary>How the outputs are combined.</summary>
    [Description("Combine says what goes on: concat (every output of every model, named <step>.<model>.<output>), mean (the elementwise mean of same-named outputs), vote (the elementwise majority of same-named outputs, ties to the earlier model) or first (the outputs of the first model, in order, that answered). Defaults to concat.")]
    [DefaultValue(PipelineDefaults.Combine)]
    public CombineMode? Combine { get; init; }
}
