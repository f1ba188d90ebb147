using Microsoft.Extensions.Logging;

namespace Modelship.Operator.Controllers.ModelDeployment;

internal static partial class ModelDeploymentLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Applied {Kind} {Name} for {Key}: {Reason}")]
    public static partial void Applied(ILogger logger, string kind, string name, string key, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Deleted {Kind} {Name} of {Key}: version {Version} is no longer in use")]
    public static partial void Deleted(ILogger logger, string kind, string name, string key, string version);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Rollout of {Key}: {Action} ({Reason}) {Message}")]
    public static partial void Rollout(ILogger logger, string key, string action, string reason, string message);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Scaled Deployment {Name} of {Key} to {Replicas}")]
    public static partial void Scaled(ILogger logger, string name, int replicas, string key);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Removed the settled rollout request annotations of {Key}: {Annotations}")]
    public static partial void RequestsRemoved(ILogger logger, string key, string annotations);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Debug, Message = "Reconciling {Key} at resourceVersion {ResourceVersion}")]
    public static partial void Reconciling(ILogger logger, string key, string? resourceVersion);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Debug, Message = "Not reconciling {Key}: the cache still shows resourceVersion {ResourceVersion}, which our own write replaced")]
    public static partial void CacheBehind(ILogger logger, string key, string? resourceVersion);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Debug, Message = "Status of {Key} not written: it changed since resourceVersion {ResourceVersion}; retrying on the current object")]
    public static partial void StatusConflict(ILogger logger, string key, string? resourceVersion);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Invalid spec of {Key}: {Message}")]
    public static partial void InvalidSpec(ILogger logger, string key, string message);
}
