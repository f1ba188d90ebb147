using System.Text.Json;
using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Notifications;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Tests.Notifications;

public sealed class NotificationPayloadTests
{
    private static NotificationWork Work(string? template, string message) => new(
        new MD { Metadata = new V1ObjectMeta { Name = "iris", NamespaceProperty = "prod" }, Spec = new ModelDeploymentSpec { Model = new ModelSpec { Uri = "https://m/v1.onnx", Version = "v1" } } },
        new NotificationSpec { Name = "n", Events = [NotificationEvent.RolloutAborted], Webhook = new WebhookSpec { Url = "http://h", PayloadTemplate = template } },
        new NotificationTrigger(NotificationEvent.RolloutAborted, "v2", "AnalysisFailed", message),
        new DateTimeOffset(2026, 12, 7, 21, 0, 5, TimeSpan.Zero));

    [Fact]
    public void The_default_body_is_a_json_document_of_every_field()
    {
        using var body = JsonDocument.Parse(NotificationPayload.Render(Work(null, "error rate 0.2 > 0.05")));
        body.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).Should().Equal(
            ("event", "RolloutAborted"), ("name", "iris"), ("namespace", "prod"), ("version", "v2"), ("reason", "AnalysisFailed"), ("message", "error rate 0.2 > 0.05"), ("time", "2026-12-07T21:00:05Z"));
    }

    [Fact]
    public void Template_values_are_json_escaped_so_the_body_stays_valid_json()
    {
        const string Template = """{"text": "{{ .event }} of {{.namespace}}/{{ .name }} {{ .version }}: {{ .message }}", "at": "{{ .time }}"}""";
        var hostile = "quote \" backslash \\ newline \n tab \t </script> é";
        using var body = JsonDocument.Parse(NotificationPayload.Render(Work(Template, hostile)));
        body.RootElement.GetProperty("text").GetString().Should().Be($"RolloutAborted of prod/iris v2: {hostile}");
        body.RootElement.GetProperty("at").GetString().Should().Be("2026-12-07T21:00:05Z");
    }
}
