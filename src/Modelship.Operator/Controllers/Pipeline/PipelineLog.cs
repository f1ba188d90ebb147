using Microsoft.Extensions.Logging;

namespace Modelship.Operator.Controllers.Pipeline;

internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Applied {Kind} {Name} for Pipeline {Key}: {Reason}")]
    public static partial void Applied(ILogger logger, string kind, string name, string key, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Deleted {Kind} {Name} of Pipeline {Key}: no longer in use")]
    public static partial void Deleted(ILogger logger, string kind, string name, string key);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Routing table of Pipeline {Key} now at generation {Generation}")]
    public static partial void TableWritten(ILogger logger, string key, long generation);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Debug, Message = "Reconciling Pipeline {Key} at resourceVersion {ResourceVersion}")]
    public static partial void Reconciling(ILogger logger, string key, string? resourceVersion);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Debug, Message = "Not reconciling Pipeline {Key}: the cache still shows resourceVersion {ResourceVersion}, which our own write replaced")]
    public static partial void CacheBehind(ILogger logger, string key, string? resourceVersion);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Debug, Message = "Status of Pipeline {Key} not written: it changed since resourceVersion {ResourceVersion}; retrying on the current object")]
    public static partial void StatusConflict(ILogger logger, string key, string? resourceVersion);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Invalid spec of Pipeline {Key}: {Message}")]
    public static partial void InvalidSpec(ILogger logger, string key, string message);
}
