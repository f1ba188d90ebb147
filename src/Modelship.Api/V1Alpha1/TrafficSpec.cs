using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// How requests are spread over the versions. A key split, when it matches, decides first; then the sticky key's hash
/// or a random draw picks the champion or a challenger by weight. Shadows receive a copy of every request.
/// </summary>
public sealed record TrafficSpec
{
    /// <summary>Versions that answer a share of the callers.</summary>
    [Description("Challengers are model versions that answer a percentage of the requests; the champion answers the rest. Their weights must sum to at most 100.")]
    [ListMapKeys("name")]
    public IReadOnlyList<ChallengerSpec>? Challengers { get; init; }

    /// <summary>Versions that see every request without ever answering a caller.</summary>
    [Description("Shadows are model versions that receive a copy of every request. Their answers are compared with the champion's and logged, never returned to the caller, and they never delay the answer.")]
    [ListMapKeys("name")]
    public IReadOnlyList<ShadowSpec>? Shadows { get; init; }

    /// <summary>Keeps a caller on one version for as long as the weights stay the same.</summary>
    [Description("StickyKey names a request header or input whose hash keeps a caller on the same version while the weights do not change. Requests without it are split at random by weight.")]
    public TrafficKey? StickyKey { get; init; }

    /// <summary>Routes by the exact value of a header or input.</summary>
    [Description("KeySplit routes requests by the exact value of a request header or input to a named version (champion or a challenger); it takes precedence over the weighted split.")]
    public KeySplitSpec? KeySplit { get; init; }
}
