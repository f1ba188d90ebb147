using Microsoft.Extensions.Logging;

namespace Modelship.Operator.Notifications;

internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 6501, Level = LogLevel.Information, Message = "Notification {Notification} ({Event}) of {Key}: {Outcome}")]
    public static partial void Delivered(ILogger logger, string notification, string @event, string key, string outcome);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Warning, Message = "Notification {Notification} ({Event}) of {Key} failed: {Detail}")]
    public static partial void Failed(ILogger logger, string notification, string @event, string key, string detail);

    [LoggerMessage(EventId = 6503, Level = LogLevel.Warning, Message = "Notification {Notification} ({Event}) of {Key} dropped: the delivery queue is full")]
    public static partial void Dropped(ILogger logger, string notification, string @event, string key);
}
