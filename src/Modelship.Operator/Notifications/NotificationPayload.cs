using System.Globalization;
using Modelship.Api.Notifications;

namespace Modelship.Operator.Notifications;

/// <summary>Pure: the webhook body of a notification (<see cref="PayloadTemplate"/>).</summary>
public static class NotificationPayload
{
    public static string Render(NotificationWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["event"] = work.Trigger.Event.ToString(),
            ["name"] = work.Owner.Metadata.Name,
            ["namespace"] = work.Owner.Metadata.NamespaceProperty,
            ["version"] = work.Trigger.Version,
            ["reason"] = work.Trigger.Reason,
            ["message"] = work.Trigger.Message,
            ["time"] = work.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        return PayloadTemplate.Render(work.Notification.Webhook?.PayloadTemplate, values);
    }
}
