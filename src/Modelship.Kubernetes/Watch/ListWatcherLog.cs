using Microsoft.Extensions.Logging;

namespace Modelship.Kubernetes.Watch;

internal static partial class ListWatcherLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Listing {Resource} failed, retrying in {DelayMilliseconds} ms: {Error}")]
    public static partial void ListFailed(ILogger logger, string resource, double delayMilliseconds, string error);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Watch of {Resource} from resourceVersion {ResourceVersion} failed, reconnecting in {DelayMilliseconds} ms: {Error}")]
    public static partial void WatchFailed(ILogger logger, string resource, string resourceVersion, double delayMilliseconds, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information,
        Message = "resourceVersion {ResourceVersion} of {Resource} is too old (410 Gone), relisting")]
    public static partial void Relisting(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "Watch of {Resource} silent for {IdleTimeout}, reconnecting from resourceVersion {ResourceVersion}")]
    public static partial void WatchIdle(ILogger logger, string resource, TimeSpan idleTimeout, string resourceVersion);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Listed {Count} {Resource} at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, int count, string resource, string resourceVersion);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug,
        Message = "Watch of {Resource} ended after {Count} lines, resuming from resourceVersion {ResourceVersion}")]
    public static partial void WatchEnded(ILogger logger, string resource, int count, string resourceVersion);
}
