using System.Buffers;
using System.Text;
using System.Text.Json;
using Modelship.Serving.InferenceLog;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.InferenceLog;

public class InferenceLogLineTests
{
    private static readonly DateTime Noon = new(2026, 1, 31, 12, 0, 0, 123, DateTimeKind.Utc);

    private static InferenceLogEntry Entry(string request, string response, int status = 200) => new()
    {
        Time = Noon,
        FallbackId = "generated-1",
        Model = "iris",
        Version = "v2",
        Role = "challenger",
        Status = status,
        LatencyMs = 1.23456,
        RequestBody = Encoding.UTF8.GetBytes(request),
        ResponseBody = Encoding.UTF8.GetBytes(response),
        IncludeInputs = true,
        IncludeOutputs = true,
    };

    private static string Line(InferenceLogEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, InferenceLogLine.WriterOptions);
        InferenceLogLine.Write(entry, buffer, json);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Success_line_has_every_field_in_order_with_tensors_as_sent()
    {
        var line = Line(Entry(
            """{"id":"req-7","inputs":[{"name":"x","shape":[1,2],"datatype":"FP32","data":[1.50,2e0]}]}""",
            """{"model_name":"iris","outputs":[{"name":"label","datatype":"INT64","shape":[1],"data":[2]}]}"""));

        line.Should().Be(
            """{"time":"2026-01-31T12:00:00.123Z","id":"req-7","model":"iris","version":"v2","role":"challenger","status":200,"latencyMs":1.235,"valid":true,"checkFailures":[],"inputs":[{"name":"x","shape":[1,2],"datatype":"FP32","data":[1.50,2e0]}],"outputs":[{"name":"label","datatype":"INT64","shape":[1],"data":[2]}]}"""
            + "\n");
    }

    [Fact]
    public void Failure_line_takes_the_backend_error_escapes_text_and_uses_the_generated_id()
    {
        var entry = Entry("""{"inputs":[]}""", """{"error":"bad \"x\"\nline é"}""", status: 400) with { Model = "iris\"<b>" };

        var line = Line(entry);

        line.Should().Be(
            """{"time":"2026-01-31T12:00:00.123Z","id":"generated-1","model":"iris\"<b>","version":"v2","role":"challenger","status":400,"latencyMs":1.235,"valid":false,"error":"bad \"x\"\nline é","checkFailures":[],"inputs":[]}"""
            + "\n");
        line.IndexOf('\n').Should().Be(line.Length - 1, "an entry is exactly one line");
    }

    [Fact]
    public void Check_failures_and_shadow_comparison_make_the_entry_invalid_and_are_written()
    {
        var entry = Entry("{}", """{"outputs":[]}""") with
        {
            Role = "shadow",
            CheckFailures = ["prediction out of range: 1 value(s) of output 'score'"],
            Comparison = new ShadowComparison(4, 3, 2, 0.25, null),
            IncludeInputs = false,
        };

        Line(entry).Should().Be(
            """{"time":"2026-01-31T12:00:00.123Z","id":"generated-1","model":"iris","version":"v2","role":"shadow","status":200,"latencyMs":1.235,"valid":false,"checkFailures":["prediction out of range: 1 value(s) of output 'score'"],"comparison":{"classElements":4,"agreementRatio":0.75,"floatElements":2,"meanAbsDifference":0.125},"outputs":[]}"""
            + "\n");
    }

    [Fact]
    public void Pretty_printed_tensors_are_put_on_one_line_without_touching_strings()
    {
        var line = Line(Entry("{\n  \"inputs\": [\n    {\"name\": \"a b\",\r\n \"data\": [\"x \\\" \\n y\", 1]}\n  ]\n}", "not json", status: 500));

        line.Should().Contain("\"inputs\":[{\"name\":\"a b\",\"data\":[\"x \\\" \\n y\",1]}]");
        line.Should().Contain("\"error\":\"status 500\"", "a non-JSON error body still gives a reason");
        line.IndexOf('\n').Should().Be(line.Length - 1);
        JsonDocument.Parse(line).RootElement.GetProperty("inputs")[0].GetProperty("data")[0].GetString().Should().Be("x \" \n y");
    }

    [Fact]
    public void Excluded_or_missing_tensors_are_left_out()
    {
        var line = Line(Entry("""{"inputs":[1]}""", """{"outputs":[2]}""") with { IncludeInputs = false, IncludeOutputs = false });

        line.Should().NotContain("inputs").And.NotContain("outputs");
        Line(Entry("{not json", "[]")).Should().NotContain("inputs").And.NotContain("outputs");
    }

    [Fact]
    public void Filter_fields_read_back_from_a_written_line()
    {
        var line = Line(Entry("{}", """{"error":"x"}""", status: 503));

        InferenceLogLine.TryReadFilterFields(Encoding.UTF8.GetBytes(line.TrimEnd('\n')), out var time, out var valid).Should().BeTrue();
        time.Should().Be(new DateTimeOffset(Noon));
        valid.Should().BeFalse();
        InferenceLogLine.TryReadFilterFields("""{"time":"2026-01-31T12:00:00Z","valid":tr"""u8, out _, out _).Should().BeFalse("a torn line is no entry");
        InferenceLogLine.TryReadFilterFields("""{"valid":true}"""u8, out _, out _).Should().BeFalse();
    }
}
