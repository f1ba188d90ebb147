using Microsoft.Extensions.Logging;

namespace Modelship.Kubernetes.Events;

internal static partial class EventRecorderLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Could not record {Type} event {Reason} on {Kind} {ObjectKey}: {Error}")]
    public static partial void RecordFailed(ILogger logger, string type, string reason, string kind, string objectKey, string error);
}
