using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>A model and its weight in a random split.</summary>
public sealed record RandomSplitOption
{
    /// <summary>Name of one of the step's models.</summary>
    [Description("Model is the name of one of the step's models.")]
    [Length(1)]
    public required string Model { get; init; }

    /// <summary>Relative weight.</summary>
    [Description("Weight of the model relative to the other options (1-1000).")]
    [Minimum(1)]
    [Maximum(1000)]
    public required int Weight { get; init; }
}
