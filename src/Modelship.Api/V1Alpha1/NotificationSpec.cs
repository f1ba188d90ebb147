using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>One notification: which events it reacts to and what it does (a webhook call, a Job, or both).</summary>
public sealed record NotificationSpec
{
    [Description("Name identifies the notification in Events and metrics; unique within the list, a DNS label.")]
    [Length(1, 63)]
    public required string Name { get; init; }

    [Description("Events this notification reacts to: RolloutStarted, RolloutSucceeded, RolloutAborted, PromotionRejected, Drifting, AccuracyDegraded, ActualsThreshold.")]
    public required IReadOnlyList<NotificationEvent> Events { get; init; }

    [Description("Webhook is called with an HTTP POST for each event (retried with backoff, at most 5 attempts).")]
    public WebhookSpec? Webhook { get; init; }

    [Description("Job creates a Kubernetes Job from a template for each event (for example a training job); at most one runs at a time per ModelDeployment and event.")]
    public NotificationJobSpec? Job { get; init; }

    [Description("ActualsThreshold is the number of new actual outcomes (status.accuracy.actualsReceived) after which the ActualsThreshold event fires again; required with that event.")]
    [Minimum(1)]
    public long? ActualsThreshold { get; init; }
}
