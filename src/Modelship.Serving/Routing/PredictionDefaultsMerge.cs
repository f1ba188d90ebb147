using System.Buffers;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Routing;

/// <summary>
/// Merges a table's <see cref="ParameterDefaults"/> into a V2 inference request body: the request's top-level
/// properties are copied as they are (tensors untouched), and its <c>parameters</c> object gets the defaults, filling
/// only absent names, or replacing the caller's values when <see cref="ParameterDefaults.Override"/> is set.
/// </summary>
public static class PredictionDefaultsMerge
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = ProtocolJsonContext.WriterOptions.Encoder, SkipValidation = true };

    /// <summary>The merged body; throws <see cref="JsonException"/> when the body is not a JSON object with an object (or null) <c>parameters</c>.</summary>
    public static byte[] Apply(ReadOnlyMemory<byte> body, ParameterDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the request must be a JSON object");
        }
        var buffer = new ArrayBufferWriter<byte>(body.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            var wroteParameters = false;
            foreach (var property in root.EnumerateObject())
            {
                if (property.NameEquals("parameters"u8))
                {
                    if (wroteParameters)
                    {
                        continue;
                    }
                    if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                    {
                        throw new JsonException($"'parameters' must be an object (got {property.Value.ValueKind.ToString().ToLowerInvariant()})");
                    }
                    WriteParameters(writer, property.Value, defaults);
                    wroteParameters = true;
                    continue;
                }
                property.WriteTo(writer);
            }
            if (!wroteParameters)
            {
                WriteParameters(writer, default, defaults);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <c>"parameters": {...}</c>: the caller's (an object, or default/null for none) merged with the defaults.</summary>
    private static void WriteParameters(Utf8JsonWriter writer, JsonElement caller, ParameterDefaults defaults)
    {
        writer.WriteStartObject("parameters"u8);
        HashSet<string>? sent = null;
        if (caller.ValueKind == JsonValueKind.Object)
        {
            sent = new HashSet<string>(StringComparer.Ordinal);
            foreach (var parameter in caller.EnumerateObject())
            {
                if (!sent.Add(parameter.Name))
                {
                    continue;
                }
                if (defaults.Override && defaults.Parameters.TryGetValue(parameter.Name, out var replacement))
                {
                    writer.WritePropertyName(parameter.Name);
                    replacement.WriteTo(writer);
                }
                else
                {
                    parameter.WriteTo(writer);
                }
            }
        }
        foreach (var (name, value) in defaults.Parameters)
        {
            if (sent is null || !sent.Contains(name))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>"parameters": {...}</c> with only the defaults (a pipeline step's own requests).</summary>
    public static void WriteDefaults(Utf8JsonWriter writer, ParameterDefaults defaults) => WriteParameters(writer, default, defaults);
}
