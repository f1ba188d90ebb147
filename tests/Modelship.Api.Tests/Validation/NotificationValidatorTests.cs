using System.Text.Json;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;

namespace Modelship.Api.Tests.Validation;

public sealed class NotificationValidatorTests
{
    private static readonly JsonElement JobTemplate = JsonDocument.Parse("""{"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"t","image":"trainer:1"}]}}}}""").RootElement.Clone();

    private static NotificationSpec Webhook(string name = "slack") => new()
    {
        Name = name,
        Events = [NotificationEvent.RolloutSucceeded, NotificationEvent.Drifting],
        Webhook = new WebhookSpec { Url = "https://hooks.example.com/x", SecretRef = new NotificationSecretReference { Name = "hook", Key = "token" } },
    };

    private static IReadOnlyList<string> Errors(params NotificationSpec[] notifications) =>
        [.. ModelDeploymentValidator.Validate(Specs.Champion() with { Notifications = notifications }).Select(e => e.Message)];

    [Fact]
    public void A_webhook_and_a_job_notification_are_valid()
    {
        Errors(
            Webhook() with { Webhook = Webhook().Webhook! with { Auth = WebhookAuth.HmacSha256, PayloadTemplate = """{"text":"{{ .event }} {{ .message }}"}""" } },
            new NotificationSpec { Name = "retrain", Events = [NotificationEvent.ActualsThreshold, NotificationEvent.Drifting], ActualsThreshold = 1000, Job = new NotificationJobSpec { Template = JobTemplate } })
            .Should().BeEmpty();
    }

    public static TheoryData<string, NotificationSpec, string> Invalid => new()
    {
        { "name", Webhook("Slack_Hook"), "spec.notifications[0].name: 'Slack_Hook' must be a DNS label" },
        { "no events", Webhook() with { Events = [] }, "spec.notifications[0].events: must name at least one event" },
        { "nothing to do", Webhook() with { Webhook = null }, "spec.notifications[0]: needs a webhook, a job or both" },
        { "scheme", Webhook() with { Webhook = Webhook().Webhook! with { Url = "ftp://hooks.example.com/x" } }, "spec.notifications[0].webhook.url: 'ftp://hooks.example.com/x' must be an absolute http:// or https:// URL" },
        { "relative", Webhook() with { Webhook = Webhook().Webhook! with { Url = "/hook" } }, "spec.notifications[0].webhook.url: '/hook' must be an absolute http:// or https:// URL" },
        { "hmac without key", Webhook() with { Webhook = Webhook().Webhook! with { Auth = WebhookAuth.HmacSha256, SecretRef = null } }, "spec.notifications[0].webhook.secretRef: is required with auth HmacSha256" },
        { "secret key", Webhook() with { Webhook = Webhook().Webhook! with { SecretRef = new NotificationSecretReference { Name = "hook", Key = "" } } }, "spec.notifications[0].webhook.secretRef.key: is required" },
        { "placeholder", Webhook() with { Webhook = Webhook().Webhook! with { PayloadTemplate = "{{ .model }}" } }, "spec.notifications[0].webhook.payloadTemplate: unknown placeholder(s) {{ .model }}" },
        { "threshold missing", Webhook() with { Events = [NotificationEvent.ActualsThreshold] }, "spec.notifications[0].actualsThreshold: is required with the ActualsThreshold event" },
        { "threshold zero", Webhook() with { Events = [NotificationEvent.ActualsThreshold], ActualsThreshold = 0 }, "spec.notifications[0].actualsThreshold: must be at least 1" },
        { "threshold unused", Webhook() with { ActualsThreshold = 10 }, "spec.notifications[0].actualsThreshold: applies only to the ActualsThreshold event" },
        { "job without containers", Webhook() with { Job = new NotificationJobSpec { Template = JsonDocument.Parse("""{"spec":{"template":{"spec":{}}}}""").RootElement.Clone() } }, "spec.notifications[0].job.template.spec.template.spec.containers: is required" },
        { "job not an object", Webhook() with { Job = new NotificationJobSpec { Template = JsonDocument.Parse("[]").RootElement.Clone() } }, "spec.notifications[0].job.template: must be a batch/v1 JobTemplateSpec object" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_mistake_gets_a_message_naming_its_field(string what, NotificationSpec notification, string message)
    {
        Errors(notification).Should().ContainSingle(what).Which.Should().StartWith(message);
    }

    [Fact]
    public void Names_are_unique()
    {
        Errors(Webhook(), Webhook()).Should().ContainSingle().Which.Should().Be("spec.notifications[1].name: 'slack' is used by another notification");
    }

    [Fact]
    public void The_crd_keeps_the_job_template_as_an_object_with_unknown_fields()
    {
        var schema = Api.Schema.OpenApiSchemaGenerator.ForType(typeof(ModelDeployment));
        var template = schema["properties"]!["spec"]!["properties"]!["notifications"]!["items"]!["properties"]!["job"]!["properties"]!["template"]!;
        ((string?)template["type"]).Should().Be("object");
        ((bool?)template["x-kubernetes-preserve-unknown-fields"]).Should().BeTrue();
        schema["properties"]!["spec"]!["properties"]!["notifications"]!["items"]!["properties"]!["events"]!["items"]!["enum"]!.AsArray().Select(v => (string?)v)
            .Should().Equal("RolloutStarted", "RolloutSucceeded", "RolloutAborted", "PromotionRejected", "Drifting", "AccuracyDegraded", "ActualsThreshold");
    }
}
