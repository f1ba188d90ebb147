using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// The window a canary step is judged on: what a restarted operator needs to judge it (the step it belongs to, when
/// it started and the counters at that moment, from which the window's numbers are taken).
/// </summary>
public sealed record CanaryWindowStatus
{
    [Description("Version is the new version the window judges.")]
    public required string Version { get; init; }

    [Description("RoutingGeneration is the routing table generation of the step (its weights); a window of another generation is over.")]
    [Minimum(0)]
    public required long RoutingGeneration { get; init; }

    [Description("Weight is the new version's weight in the step (0 in the mirror phase).")]
    [Minimum(0)]
    [Maximum(100)]
    public required int Weight { get; init; }

    [Description("StartedAt is when the window started: every ready router served the step's routing table and the counters below were read.")]
    public required DateTimeOffset StartedAt { get; init; }

    [Description("ChampionBaseline holds the routers' counters of the champion at startedAt.")]
    public RefreshTrafficCounters? ChampionBaseline { get; init; }

    [Description("CanaryBaseline holds the routers' counters of the new version at startedAt: of its answers, or as a shadow in the mirror phase.")]
    public RefreshTrafficCounters? CanaryBaseline { get; init; }
}
