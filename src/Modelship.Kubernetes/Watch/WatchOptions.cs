namespace Modelship.Kubernetes.Watch;

public sealed record WatchOptions
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Start after this version; null or "" starts with synthetic ADDED events for everything.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>The server ends the watch after this long (it picks a randomized default when null).</summary>
    public int? TimeoutSeconds { get; init; }

    public bool AllowWatchBookmarks { get; init; } = true;
}
