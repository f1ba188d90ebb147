using Microsoft.Extensions.Logging;

namespace Modelship.Serving.Http;

internal static partial class RequestFailureLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Refused {Method} {Path}: {Status} {Reason}")]
    public static partial void Refused(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Failed to handle {Method} {Path}; answered 500")]
    public static partial void Failed(ILogger logger, Exception exception, string method, string path);
}
