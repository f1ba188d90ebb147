using System.Diagnostics.Metrics;

namespace Modelship.Kubernetes.Watch;

/// <summary>
/// Why watch connections ended and how many bookmarks arrived, per resource. A healthy watch ends only when the
/// server's timeout closes it (<c>ended</c>) and now and then with <c>gone</c> (a relist); <c>failed</c> means a
/// broken connection or an event it could not read.
/// </summary>
public sealed class WatchMetrics
{
    public const string MeterName = "Modelship.Watch";

    public const string ReconnectsName = "modelship_watch_reconnects_total";

    public const string BookmarksName = "modelship_watch_bookmarks_total";

    /// <summary>The reasons a watch connection ends (the <c>reason</c> label).</summary>
    public static IReadOnlyList<string> Reasons { get; } = ["ended", "idle", "gone", "failed"];

    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _bookmarks;

    public WatchMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _reconnects = meter.CreateCounter<long>(ReconnectsName, unit: null, description: "Watch connections that ended and were opened again, by resource and reason (ended, idle, gone, failed).");
        _bookmarks = meter.CreateCounter<long>(BookmarksName, unit: null, description: "BOOKMARK events received, by resource.");
    }

    /// <summary>What every <see cref="ListWatcher{T}"/> records into, on the meter <see cref="MeterName"/>.</summary>
    public static WatchMetrics Shared { get; } = new(new Meter(MeterName));

    /// <summary>Creates a resource's series at 0.</summary>
    public void DeclareSeries(string resource)
    {
        foreach (var reason in Reasons)
        {
            _reconnects.Add(0, new KeyValuePair<string, object?>("resource", resource), new KeyValuePair<string, object?>("reason", reason));
        }
        _bookmarks.Add(0, new KeyValuePair<string, object?>("resource", resource));
    }

    public void Reconnect(string resource, string reason) =>
        _reconnects.Add(1, new KeyValuePair<string, object?>("resource", resource), new KeyValuePair<string, object?>("reason", reason));

    public void Bookmark(string resource) => _bookmarks.Add(1, new KeyValuePair<string, object?>("resource", resource));
}
