using Microsoft.Extensions.Logging;

namespace Modelship.Kubernetes.Informers;

internal static partial class InformerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Informer for {Resource} synced {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Synced(ILogger logger, string resource, int count, string resourceVersion);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "Informer for {Resource} relisted {Count} objects: {Added} added, {Updated} updated, {Deleted} deleted while not watching")]
    public static partial void Relisted(ILogger logger, string resource, int count, int added, int updated, int deleted);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Event handler of the {Resource} informer failed on {Key}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string resource, string key);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Informer for {Resource} stopped unexpectedly; restarting in {DelaySeconds} s")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string resource, double delaySeconds);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Informer for {Resource} resynced {Count} cached objects")]
    public static partial void Resynced(ILogger logger, string resource, int count);
}
