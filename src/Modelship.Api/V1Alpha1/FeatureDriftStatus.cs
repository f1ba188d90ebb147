using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>One feature's (or output's) drift against the reference.</summary>
public sealed record FeatureDriftStatus
{
    [Description("Name of the feature: the V2 input name, with [column] for a column of a 2-D input; or the output name.")]
    public required string Name { get; init; }

    [Description("Psi is the population stability index against the reference.")]
    public double? Psi { get; init; }

    [Description("Hellinger is the Hellinger distance (0-1) against the reference.")]
    public double? Hellinger { get; init; }
}
