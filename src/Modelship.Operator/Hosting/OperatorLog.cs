using Microsoft.Extensions.Logging;

namespace Modelship.Operator.Hosting;

internal static partial class OperatorLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Operator {Identity} listening on {Addresses}; API server {Server}; controllers: {Controllers}")]
    public static partial void Started(ILogger logger, string identity, string addresses, string server, string controllers);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Caches synced; the operator is ready")]
    public static partial void CachesSynced(ILogger logger);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Leading: starting controllers {Controllers}")]
    public static partial void StartingControllers(ILogger logger, string controllers);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Critical,
        Message = "Leadership of lease {Namespace}/{Lease} lost ({Reason}); stopping the operator so that only the new leader reconciles")]
    public static partial void LeadershipLost(ILogger logger, string @namespace, string lease, string reason);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Operator stopping: no new reconciles, waiting for in-flight ones")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Operator stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Error, Message = "Controller {Controller} failed; stopping the operator")]
    public static partial void ControllerFailed(ILogger logger, Exception exception, string controller);
}
