using System.Collections.Concurrent;
using Modelship.Api.Routing;

namespace Modelship.Serving.Monitoring.ServiceStats;

/// <summary>
/// Service stats per (version, role) over the fixed windows of <see cref="StatsWindow.All"/>, counted in minute buckets
/// (<see cref="MinuteRing"/>). Recording is a dictionary lookup, a clock read and a few interlocked adds. Versions are
/// those of the routing table (label values never come from request text), so the number of rings is bounded by
/// the versions the router has served since it started.
/// </summary>
public sealed class ServiceStatsRecorder(IReadOnlyList<double> latencyBounds, TimeProvider clock)
{
    /// <summary>The role of shadow requests in the stats (as in <c>x-modelship-role</c>).</summary>
    public const string ShadowRole = "shadow";

    private readonly ConcurrentDictionary<(string Version, string Role), MinuteRing> _rings = new();

    /// <summary>A request answered (or not) by <paramref name="version"/> in <paramref name="role"/>; status 0 or 5xx is an error.</summary>
    public void RequestCompleted(string version, string role, int statusCode, double latencySeconds) =>
        Current(version, role).AddRequest(IsError(statusCode), LatencyBucketOf(latencySeconds));

    /// <summary>A request to a shadow that got no answer (timeout, refused): a request and an error, without a latency.</summary>
    public void ShadowUnanswered(string version) => Current(version, ShadowRole).AddRequest(error: true, latencyBucket: -1);

    /// <summary>A shadow answered with a failure status; its request was counted when it answered.</summary>
    public void ShadowErrored(string version) => Current(version, ShadowRole).AddError();

    public void ShadowCompared(string version, long compared, long agreed) =>
        Current(version, ShadowRole).AddShadowComparison(compared, agreed);

    /// <summary>Prediction warnings, feature range warnings and failed validations of a request to <paramref name="version"/>.</summary>
    public void CheckFailures(string version, string role, long count) => Current(version, role).AddCheckFailures(count);

    /// <summary>The stats of every (version, role) seen, per window, as of now.</summary>
    public IReadOnlyList<VersionServiceStats> Read()
    {
        var now = MinuteNow();
        var stats = new List<VersionServiceStats>(_rings.Count);
        foreach (var ((version, role), ring) in _rings.OrderBy(r => r.Key.Version, StringComparer.Ordinal).ThenBy(r => r.Key.Role, StringComparer.Ordinal))
        {
            var windows = new List<WindowStats>(StatsWindow.All.Count);
            foreach (var window in StatsWindow.All)
            {
                var totals = new WindowTotals(latencyBounds);
                ring.AddWindow(now, window.Minutes, totals);
                windows.Add(totals.ToStats(window.Name));
            }
            stats.Add(new VersionServiceStats { Version = version, Role = role, Windows = windows });
        }
        return stats;
    }

    /// <summary>5xx answers and requests that got none (status 0) are errors; 4xx are the caller's.</summary>
    public static bool IsError(int statusCode) => statusCode is 0 or >= 500;

    /// <summary>Index of the first bound at or above <paramref name="seconds"/> (Prometheus' <c>le</c>); the +Inf bucket after the last.</summary>
    public int LatencyBucketOf(double seconds)
    {
        for (var i = 0; i < latencyBounds.Count; i++)
        {
            if (seconds <= latencyBounds[i])
            {
                return i;
            }
        }
        return latencyBounds.Count;
    }

    private MinuteBucket Current(string version, string role)
    {
        var ring = _rings.GetOrAdd((version, role), static (_, buckets) => new MinuteRing(buckets), latencyBounds.Count + 1);
        return ring.For(MinuteNow());
    }

    private long MinuteNow() => clock.GetUtcNow().ToUnixTimeSeconds() / 60;
}
