using Microsoft.Extensions.Logging;

namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>The actuals join's messages.</summary>
internal static partial class ActualsLog
{
    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Joining actuals with predictions stored in {Directory} ({Predictions} predictions and {Pending} pending actuals re-read)")]
    public static partial void Opened(ILogger logger, string directory, int predictions, int pending);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Could not store a prediction for the actuals join: {Reason}")]
    public static partial void StoreFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Routing table generation {Generation} asks for actuals, but this router has no monitoring directory (--monitoring-dir or --log-dir); actuals answer 404")]
    public static partial void NoDirectory(ILogger logger, long generation);
}
