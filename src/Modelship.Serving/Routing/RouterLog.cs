using Microsoft.Extensions.Logging;

namespace Modelship.Serving.Routing;

/// <summary>The router's log messages.</summary>
internal static partial class RouterLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Serving routing table generation {Generation} for model {Model} ({BackendCount} backends)")]
    public static partial void TableSwapped(ILogger logger, long generation, string model, int backendCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Routing table from {Origin} is invalid; keeping generation {ServedGeneration}: {Reason}")]
    public static partial void TableRejected(ILogger logger, string origin, long? servedGeneration, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Could not read the routing table from {Origin}: {Reason}")]
    public static partial void TableUnreadable(ILogger logger, string origin, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Backend {Backend} ({Version}) did not answer: {Outcome} {Detail}")]
    public static partial void BackendFailed(ILogger logger, string backend, string version, BackendOutcome outcome, string? detail);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Shadow {Backend} ({Version}) failed: {Reason}")]
    public static partial void ShadowFailed(ILogger logger, string backend, string version, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Router listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Could not report served routing generation {Generation}; retrying in {RetrySeconds} s: {Reason}")]
    public static partial void ReportFailed(ILogger logger, long generation, double retrySeconds, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Backend {Backend} ({Version}) predicted {Count} value(s) of output {Output} outside the expected range")]
    public static partial void PredictionsOutOfRange(ILogger logger, string backend, string version, string output, int count);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Stopping: answers carry Connection: close for {Seconds} s, then the server stops")]
    public static partial void ClosingConnections(ILogger logger, double seconds);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Routing table source stopped unexpectedly")]
    public static partial void SourceFailed(ILogger logger, Exception exception);
}
