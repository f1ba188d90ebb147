using Microsoft.Extensions.Logging;

namespace Modelship.Serving.Monitoring.Drift;

internal static partial class DriftLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Drift monitoring is off for routing table generation {Generation}: the reference profile {Path} cannot be used: {Reason}")]
    public static partial void ReferenceUnusable(ILogger logger, long generation, string path, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Drift monitoring on: {Features} features and {Predictions} outputs from {Path}, windows of {Window} requests")]
    public static partial void ReferenceLoaded(ILogger logger, int features, int predictions, string path, int window);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Error, Message = "Drift monitoring failed on a request of version {Version}")]
    public static partial void ObservationFailed(ILogger logger, string version, Exception exception);
}
