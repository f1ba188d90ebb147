using System.Text.Json;
using Modelship.Api.Notifications;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Validation;

/// <summary>The rules of <c>spec.notifications</c> the schema cannot state. Pure.</summary>
internal static class NotificationValidator
{
    public static void Validate(IReadOnlyList<NotificationSpec> notifications, ErrorList errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < notifications.Count; i++)
        {
            var path = $"spec.notifications[{i}]";
            var notification = notifications[i];
            if (string.IsNullOrEmpty(notification.Name) || !DnsNames.IsLabel(notification.Name))
            {
                errors.Add($"{path}.name", $"'{notification.Name}' must be a DNS label (lower case letters, digits and '-', at most 63 characters)");
            }
            else if (!names.Add(notification.Name))
            {
                errors.Add($"{path}.name", $"'{notification.Name}' is used by another notification");
            }
            ValidateEvents(path, notification, errors);
            if (notification.Webhook is null && notification.Job is null)
            {
                errors.Add(path, "needs a webhook, a job or both");
            }
            if (notification.Webhook is { } webhook)
            {
                ValidateWebhook($"{path}.webhook", webhook, errors);
            }
            if (notification.Job is { } job)
            {
                ValidateJob($"{path}.job.template", job.Template, errors);
            }
        }
    }

    private static void ValidateEvents(string path, NotificationSpec notification, ErrorList errors)
    {
        if (notification.Events is null || notification.Events.Count == 0)
        {
            errors.Add($"{path}.events", "must name at least one event");
            return;
        }
        foreach (var unknown in notification.Events.Where(e => !Enum.IsDefined(e)))
        {
            errors.Add($"{path}.events", $"unknown event '{unknown}'; use one of {string.Join(", ", Enum.GetNames<NotificationEvent>())}");
        }
        var wantsActuals = notification.Events.Contains(NotificationEvent.ActualsThreshold);
        if (wantsActuals && notification.ActualsThreshold is null)
        {
            errors.Add($"{path}.actualsThreshold", "is required with the ActualsThreshold event");
        }
        if (notification.ActualsThreshold is < 1)
        {
            errors.Add($"{path}.actualsThreshold", "must be at least 1");
        }
        if (!wantsActuals && notification.ActualsThreshold is not null)
        {
            errors.Add($"{path}.actualsThreshold", "applies only to the ActualsThreshold event, which events does not name");
        }
    }

    private static void ValidateWebhook(string path, WebhookSpec webhook, ErrorList errors)
    {
        if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(url.Host))
        {
            errors.Add($"{path}.url", $"'{webhook.Url}' must be an absolute http:// or https:// URL");
        }
        if (webhook.Auth is { } auth && !Enum.IsDefined(auth))
        {
            errors.Add($"{path}.auth", $"unknown auth '{auth}'; use Bearer or HmacSha256");
        }
        if (webhook.Auth is WebhookAuth.HmacSha256 && webhook.SecretRef is null)
        {
            errors.Add($"{path}.secretRef", "is required with auth HmacSha256 (it holds the signing key)");
        }
        if (webhook.SecretRef is { } secret)
        {
            if (string.IsNullOrEmpty(secret.Name) || !DnsNames.IsSubdomain(secret.Name))
            {
                errors.Add($"{path}.secretRef.name", $"'{secret.Name}' must be a Secret name (DNS subdomain)");
            }
            if (string.IsNullOrEmpty(secret.Key))
            {
                errors.Add($"{path}.secretRef.key", "is required");
            }
        }
        if (webhook.PayloadTemplate is { } template && PayloadTemplate.UnknownFields(template) is { Count: > 0 } unknown)
        {
            errors.Add($"{path}.payloadTemplate", $"unknown placeholder(s) {string.Join(", ", unknown.Select(f => "{{ ." + f + " }}"))}; use {string.Join(", ", PayloadTemplate.Fields.Select(f => "{{ ." + f + " }}"))}");
        }
    }

    private static void ValidateJob(string path, JsonElement template, ErrorList errors)
    {
        if (template.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "must be a batch/v1 JobTemplateSpec object");
            return;
        }
        if (!template.TryGetProperty("spec", out var spec) || spec.ValueKind != JsonValueKind.Object
            || !spec.TryGetProperty("template", out var pod) || pod.ValueKind != JsonValueKind.Object
            || !pod.TryGetProperty("spec", out var podSpec) || !podSpec.TryGetProperty("containers", out var containers)
            || containers.ValueKind != JsonValueKind.Array || containers.GetArrayLength() == 0)
        {
            errors.Add($"{path}.spec.template.spec.containers", "is required: the Job's Pod template needs at least one container");
        }
    }
}
