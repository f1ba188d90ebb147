using System.Text.Json;
using Modelship.Api.Notifications;

namespace Modelship.Api.Tests.Notifications;

public sealed class PayloadTemplateTests
{
    private static readonly Dictionary<string, string?> Values = new()
    {
        ["event"] = "Drifting",
        ["name"] = "fraud",
        ["namespace"] = "ml",
        ["version"] = null,
        ["reason"] = "FeatureDrift",
        ["message"] = "feature \"age\" PSI 0.31\nfeature amount PSI 0.22",
        ["time"] = "2026-12-07T21:00:00Z",
    };

    [Fact]
    public void Placeholders_take_json_escaped_values_with_or_without_spaces()
    {
        var body = PayloadTemplate.Render("""{"t":"{{.event}}/{{ .name }}/{{  .namespace  }}","m":"{{ .message }}","v":"{{ .version }}"}""", Values);
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("t").GetString().Should().Be("Drifting/fraud/ml");
        json.RootElement.GetProperty("m").GetString().Should().Be(Values["message"]);
        json.RootElement.GetProperty("v").GetString().Should().BeEmpty("a missing value renders empty");
    }

    [Fact]
    public void Text_outside_placeholders_is_kept_as_written()
    {
        PayloadTemplate.Render("event={{ .event }} {{ not a placeholder }} {.name}", Values).Should().Be("event=Drifting {{ not a placeholder }} {.name}");
    }

    [Fact]
    public void Without_a_template_the_body_lists_every_field_with_nulls()
    {
        using var json = JsonDocument.Parse(PayloadTemplate.Render(null, Values));
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(PayloadTemplate.Fields);
        json.RootElement.GetProperty("version").ValueKind.Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("message").GetString().Should().Be(Values["message"]);
    }

    [Fact]
    public void Unknown_placeholders_are_reported_once_each()
    {
        PayloadTemplate.UnknownFields("{{ .event }} {{ .model }} {{ .Event }} {{ .model }}").Should().Equal("model", "Event");
        PayloadTemplate.UnknownFields("{{ .event }} {{ .time }}").Should().BeEmpty();
    }
}
