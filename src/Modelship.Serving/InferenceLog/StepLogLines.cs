using System.Text.Json;
using Modelship.Serving.Pipelines;

namespace Modelship.Serving.InferenceLog;

/// <summary>
/// The <c>steps</c> field of a pipeline entry's line, after the entry's own fields:
/// <c>[{"name","kind","latencyMs","error"?,"models":[{"model","version","status","latencyMs"}],"checkFailures"?,"audit"?,"inputs"?,"outputs"?}]</c>.
/// Tensors are copied as the router holds them; an audit slice is written whether or not inputs and outputs are.
/// </summary>
public static class StepLogLines
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<StepLogRecord> steps, bool includeInputs, bool includeOutputs)
    {
        json.WriteStartArray("steps");
        foreach (var step in steps)
        {
            json.WriteStartObject();
            json.WriteString("name", step.Name);
            json.WriteString("kind", step.Kind);
            json.WriteNumber("latencyMs", Math.Round(step.LatencyMs, 3));
            if (step.Error is not null)
            {
                json.WriteString("error", step.Error);
            }
            json.WriteStartArray("models");
            foreach (var model in step.Models)
            {
                json.WriteStartObject();
                json.WriteString("model", model.Model);
                json.WriteString("version", model.Version);
                json.WriteNumber("status", model.Status);
                json.WriteNumber("latencyMs", Math.Round(model.LatencyMs, 3));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (step.CheckFailures.Count > 0)
            {
                json.WriteStartArray("checkFailures");
                foreach (var failure in step.CheckFailures)
                {
                    json.WriteStringValue(failure);
                }
                json.WriteEndArray();
            }
            WriteTensors(json, "audit", step.Audit);
            WriteTensors(json, "inputs", includeInputs ? step.Inputs : null);
            WriteTensors(json, "outputs", includeOutputs ? step.Outputs : null);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Whether the line's <c>steps</c> name <paramref name="step"/>; false for lines without steps or that are not entries.</summary>
    public static bool HasStep(ReadOnlySpan<byte> line, string step)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSteps = reader.ValueTextEquals("steps"u8);
                reader.Read();
                if (!isSteps || reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var isName = reader.ValueTextEquals("name"u8);
                        reader.Read();
                        if (isName && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(step))
                        {
                            return true;
                        }
                        reader.Skip();
                    }
                }
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }
        return false;
    }

    private static void WriteTensors(Utf8JsonWriter json, string name, IReadOnlyList<RawTensor>? tensors)
    {
        if (tensors is null)
        {
            return;
        }
        json.WriteStartArray(name);
        foreach (var tensor in tensors)
        {
            var raw = tensor.Json.Span;
            // Tensors were read whole by Utf8JsonReader, so they are valid JSON; a pretty-printed one is squeezed onto the line.
            json.WriteRawValue(raw.IndexOfAny((byte)'\n', (byte)'\r') >= 0 ? TopLevelJson.Minify(raw) : raw, skipInputValidation: true);
        }
        json.WriteEndArray();
    }
}
