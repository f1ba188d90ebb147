using Microsoft.Extensions.Logging;

namespace Modelship.Serving.InferenceLog;

/// <summary>The inference log's own messages (about the log, not the logged requests).</summary>
internal static partial class InferenceLogLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Could not write the inference log: {Reason}")]
    public static partial void WriteFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "The inference log did not drain within {Seconds} s on shutdown; queued entries were abandoned")]
    public static partial void Abandoned(ILogger logger, double seconds);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Routing table generation {Generation} asks for an inference log, but this router has no log directory (--log-dir); nothing is logged")]
    public static partial void NoLogDirectory(ILogger logger, long generation);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Writing the inference log to {Directory}")]
    public static partial void Writing(ILogger logger, string directory);
}
