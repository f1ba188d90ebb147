namespace Modelship.Kubernetes.Watch;

public sealed record ListWatcherOptions
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Asked of the server per watch connection; it closes the stream then and the watcher resumes.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A connection without any line (event or bookmark) for this long is presumed dead (half-open TCP, stuck
    /// proxy) and replaced. Keep it above <see cref="WatchTimeout"/> so a quiet but healthy watch is not cut.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5.5);

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Random stretch of each backoff delay (0.2 = up to 20% longer), to spread reconnects after an outage.</summary>
    public double BackoffJitter { get; init; } = 0.2;

    public int ListPageSize { get; init; } = 500;

    /// <summary>Where reconnects and bookmarks are counted (the operator exports <see cref="WatchMetrics.Shared"/>).</summary>
    public WatchMetrics Metrics { get; init; } = WatchMetrics.Shared;
}
