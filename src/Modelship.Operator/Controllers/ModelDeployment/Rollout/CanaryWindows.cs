using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>
/// Pure: status.canaryWindow, the window a canary step is judged on. It belongs to one step (the new version and the
/// routing table generation of the step's weights); a window recorded for another step is over.
/// </summary>
public static class CanaryWindows
{
    /// <summary>The recorded window if it is the current step's; null otherwise.</summary>
    public static CanaryWindowStatus? Current(CanaryWindowStatus? recorded, string version, long? routingGeneration) =>
        recorded is not null && recorded.Version == version && recorded.RoutingGeneration == routingGeneration ? recorded : null;

    /// <summary>A window starting <paramref name="now"/> with <paramref name="reading"/>'s counters as its baselines.</summary>
    public static CanaryWindowStatus Start(CanaryReading reading, string version, long routingGeneration, int weight, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new CanaryWindowStatus
        {
            Version = version,
            RoutingGeneration = routingGeneration,
            Weight = weight,
            StartedAt = now,
            ChampionBaseline = reading.Champion,
            CanaryBaseline = reading.Canary,
        };
    }

    /// <summary>The window's start as a reading (counters only: accuracy is judged as it is at the end).</summary>
    public static CanaryReading Baseline(CanaryWindowStatus window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var none = new Dictionary<string, double>(StringComparer.Ordinal);
        return new CanaryReading(window.ChampionBaseline ?? new RefreshTrafficCounters(), window.CanaryBaseline ?? new RefreshTrafficCounters(), none, none);
    }
}
