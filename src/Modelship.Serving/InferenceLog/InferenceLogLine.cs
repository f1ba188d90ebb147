using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Modelship.Serving.InferenceLog;

/// <summary>
/// The JSON line of one entry. Field order is fixed and the small fields come first, so a reader filtering on
/// <c>time</c> and <c>valid</c> stops long before the tensors:
/// <c>{"time","id","model","version","role","status","latencyMs","valid","error"?,"checkFailures","comparison"?,"inputs"?,"outputs"?}</c>.
/// Absent optional fields are left out. Tensors are the request's <c>inputs</c> and the answer's <c>outputs</c> as sent
/// (whitespace between tokens removed).
/// </summary>
public static class InferenceLogLine
{
    /// <summary>Keeps quotes and non-ASCII text readable; control characters are still escaped, so a line never breaks.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the entry as one line, newline included, into <paramref name="buffer"/>.</summary>
    public static void Write(InferenceLogEntry entry, ArrayBufferWriter<byte> buffer, Utf8JsonWriter json)
    {
        json.Reset(buffer);
        var request = entry.RequestBody ?? [];
        var response = entry.ResponseBody ?? [];
        var error = ErrorOf(entry, response);
        json.WriteStartObject();
        json.WriteString("time", entry.Time);
        json.WriteString("id", TopLevelJson.GetString(request, "id"u8) ?? entry.FallbackId);
        json.WriteString("model", entry.Model);
        json.WriteString("version", entry.Version);
        json.WriteString("role", entry.Role);
        json.WriteNumber("status", entry.Status);
        json.WriteNumber("latencyMs", Math.Round(entry.LatencyMs, 3));
        json.WriteBoolean("valid", error is null && entry.CheckFailures.Count == 0);
        if (error is not null)
        {
            json.WriteString("error", error);
        }
        json.WriteStartArray("checkFailures");
        foreach (var failure in entry.CheckFailures)
        {
            json.WriteStringValue(failure);
        }
        json.WriteEndArray();
        if (entry.Comparison is { } comparison)
        {
            json.WriteStartObject("comparison");
            json.WriteNumber("classElements", comparison.ClassElements);
            json.WriteNumber("agreementRatio", comparison.AgreementRatio);
            json.WriteNumber("floatElements", comparison.FloatElements);
            json.WriteNumber("meanAbsDifference", comparison.MeanAbsDifference);
            json.WriteEndObject();
        }
        // The request's parameters as the model got them (prediction defaults merged): they shape its answer.
        if (entry.IncludeInputs && TopLevelJson.TryGetRaw(request, "parameters"u8, out var parameters) && parameters.Length > 0 && parameters[0] == (byte)'{')
        {
            json.WritePropertyName("parameters");
            WriteRawOnOneLine(json, parameters);
        }
        if (entry.IncludeInputs && TopLevelJson.TryGetRaw(request, "inputs"u8, out var inputs))
        {
            json.WritePropertyName("inputs");
            WriteRawOnOneLine(json, inputs);
        }
        if (entry.IncludeOutputs && TopLevelJson.TryGetRaw(response, "outputs"u8, out var outputs))
        {
            json.WritePropertyName("outputs");
            WriteRawOnOneLine(json, outputs);
        }
        if (entry.Steps is { } steps)
        {
            StepLogLines.Write(json, steps, entry.IncludeInputs, entry.IncludeOutputs);
        }
        json.WriteEndObject();
        json.Flush();
        buffer.Write("\n"u8);
    }

    /// <summary>Reads the fields queries filter on; false for a line that is not a log entry.</summary>
    public static bool TryReadFilterFields(ReadOnlySpan<byte> line, out DateTimeOffset time, out bool valid)
    {
        time = default;
        valid = false;
        bool hasTime = false, hasValid = false;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (!(hasTime && hasValid) && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("time"u8))
                {
                    hasTime = reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out time);
                }
                else if (reader.ValueTextEquals("valid"u8))
                {
                    hasValid = reader.Read() && reader.TokenType is JsonTokenType.True or JsonTokenType.False;
                    valid = reader.TokenType == JsonTokenType.True;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        return hasTime && hasValid;
    }

    private static string? ErrorOf(InferenceLogEntry entry, ReadOnlySpan<byte> response)
    {
        if (entry.Error is not null || entry.IsSuccessStatus)
        {
            return entry.Error;
        }
        return TopLevelJson.GetString(response, "error"u8) ?? $"status {entry.Status}";
    }

    private static void WriteRawOnOneLine(Utf8JsonWriter json, ReadOnlySpan<byte> raw)
    {
        // The value was read whole by Utf8JsonReader, so it is valid JSON and needs no second validation.
        if (raw.IndexOfAny((byte)'\n', (byte)'\r') >= 0)
        {
            json.WriteRawValue(TopLevelJson.Minify(raw), skipInputValidation: true);
        }
        else
        {
            json.WriteRawValue(raw, skipInputValidation: true);
        }
    }
}
