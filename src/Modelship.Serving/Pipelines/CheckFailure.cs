using System.Text.Json;

namespace Modelship.Serving.Pipelines;

/// <summary>A validation of a step that did not hold for a request.</summary>
/// <param name="Step">The validations step.</param>
/// <param name="Validation">The check's name.</param>
/// <param name="Reason">Why, for people: the expression was false, or could not be evaluated.</param>
public sealed record CheckFailure(string Step, string Validation, string Reason)
{
    /// <summary>The failure as one line of the inference log's <c>checkFailures</c>.</summary>
    public string LogText => $"{Step}/{Validation}: {Reason}";

    /// <summary>Writes <c>"name": [{"step", "validation", "reason"}, ...]</c>.</summary>
    public static void WriteArray(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<CheckFailure> failures)
    {
        writer.WriteStartArray(name);
        foreach (var failure in failures)
        {
            writer.WriteStartObject();
            writer.WriteString("step"u8, failure.Step);
            writer.WriteString("validation"u8, failure.Validation);
            writer.WriteString("reason"u8, failure.Reason);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
