using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>A model version that receives a copy of every request and never answers a caller.</summary>
public sealed record ShadowSpec
{
    /// <summary>Backend name, unique among the champion, challengers and shadows.</summary>
    [Description("Name of the shadow, a DNS label unique among the champion (\"champion\"), challengers and shadows; \"canary\" is reserved for a rollout.")]
    [Length(1, 40)]
    [Pattern(BackendName.Pattern)]
    public required string Name { get; init; }

    /// <summary>The shadow's model.</summary>
    [Description("Model is the shadow's model version, in the same form as spec.model.")]
    public required ModelSpec Model { get; init; }
}
