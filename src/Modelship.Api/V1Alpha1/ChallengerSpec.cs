using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>A model version that answers a percentage of the requests.</summary>
public sealed record ChallengerSpec
{
    /// <summary>Backend name, unique among the champion, challengers and shadows.</summary>
    [Description("Name of the challenger, a DNS label unique among the champion (\"champion\"), challengers and shadows; \"canary\" is reserved for a rollout. Key-split routes refer to it.")]
    [Length(1, 40)]
    [Pattern(BackendName.Pattern)]
    public required string Name { get; init; }

    /// <summary>The challenger's model.</summary>
    [Description("Model is the challenger's model version, in the same form as spec.model.")]
    public required ModelSpec Model { get; init; }

    /// <summary>Percent of requests this challenger answers.</summary>
    [Description("Weight is the percentage (0-100) of requests this challenger answers. The champion answers what the challengers leave.")]
    [Minimum(0)]
    [Maximum(100)]
    public required int Weight { get; init; }
}
