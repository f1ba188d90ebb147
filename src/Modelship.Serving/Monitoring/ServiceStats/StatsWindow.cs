namespace Modelship.Serving.Monitoring.ServiceStats;

/// <summary>A fixed window of service stats: the current minute and the ones before it, <see cref="Minutes"/> in all.</summary>
internal sealed record StatsWindow(string Name, int Minutes)
{
    /// <summary>1m, 1h and 24h, the windows of <see cref="Api.Routing.WindowStats"/>.</summary>
    public static IReadOnlyList<StatsWindow> All { get; } = [new("1m", 1), new("1h", 60), new("24h", 1440)];

    /// <summary>Minute buckets kept: enough for the longest window.</summary>
    public const int RingMinutes = 1440;
}
