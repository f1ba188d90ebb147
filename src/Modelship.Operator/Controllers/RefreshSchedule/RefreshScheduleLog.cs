using Microsoft.Extensions.Logging;

namespace Modelship.Operator.Controllers.RefreshSchedule;

internal static partial class RefreshScheduleLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Reconciling RefreshSchedule {Key} at resourceVersion {ResourceVersion}")]
    public static partial void Reconciling(ILogger logger, string key, string? resourceVersion);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Debug, Message = "Not reconciling RefreshSchedule {Key}: the cache still shows resourceVersion {ResourceVersion}, which our own write replaced")]
    public static partial void CacheBehind(ILogger logger, string key, string? resourceVersion);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Invalid spec of RefreshSchedule {Key}: {Message}")]
    public static partial void InvalidSpec(ILogger logger, string key, string message);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information, Message = "RefreshSchedule {Key} run for {ScheduledTime}: {Result}: {Message}")]
    public static partial void RunFinished(ILogger logger, string key, DateTimeOffset? scheduledTime, string result, string message);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Information, Message = "RefreshSchedule {Key} promoted version {Version} ({Uri}) to ModelDeployment {Target}")]
    public static partial void Promoted(ILogger logger, string key, string version, string uri, string target);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Debug, Message = "Status of RefreshSchedule {Key} not written: it changed since resourceVersion {ResourceVersion}; retrying on the current object")]
    public static partial void StatusConflict(ILogger logger, string key, string? resourceVersion);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Information, Message = "RefreshSchedule {Key}: the trial of version {Version} waits: {Reason}")]
    public static partial void TrialWaits(ILogger logger, string key, string version, string reason);
}
