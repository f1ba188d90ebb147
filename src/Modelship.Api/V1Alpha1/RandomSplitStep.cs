using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>Runs one model chosen at random in proportion to weights, or consistently by a hash key.</summary>
public sealed record RandomSplitStep
{
    /// <summary>The models the options refer to.</summary>
    [Description("Models are the models the options choose from; their names are unique within the step.")]
    public required IReadOnlyList<StepModel> Models { get; init; }

    /// <summary>Weighted choices.</summary>
    [Description("Options give each model a weight; a model gets about weight / (sum of weights) of the requests.")]
    public required IReadOnlyList<RandomSplitOption> Options { get; init; }

    /// <summary>Consistent assignment.</summary>
    [Description("HashKey, when set, assigns requests by a stable hash of this value instead of at random, so one value always gets the same model while the weights stay the same (as a ModelDeployment's stickyKey). Requests without the value are assigned at random.")]
    public MetaKey? HashKey { get; init; }
}
