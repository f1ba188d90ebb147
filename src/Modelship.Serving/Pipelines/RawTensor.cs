using System.Buffers;
using System.Text.Json;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Pipelines;

/// <summary>
/// A V2 tensor as the bytes of its JSON object (<c>{"name", "datatype", "shape", "data"}</c>), with its name read out.
/// Tensors flow between steps as these bytes, sliced out of the answers they came in: only a step that needs the
/// values (a combine, a validation, an input key) parses them.
/// </summary>
public readonly record struct RawTensor(string Name, ReadOnlyMemory<byte> Json)
{
    /// <summary>The same tensor under another name: the object is rewritten with its other members copied as they are.</summary>
    public RawTensor WithName(string name)
    {
        if (string.Equals(name, Name, StringComparison.Ordinal))
        {
            return this;
        }
        var buffer = new ArrayBufferWriter<byte>(Json.Length + name.Length + 8);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ProtocolJsonContext.WriterOptions.Encoder, SkipValidation = true }))
        {
            var json = Json.Span;
            var reader = new Utf8JsonReader(json);
            reader.Read();
            writer.WriteStartObject();
            writer.WriteString("name"u8, name);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("name"u8);
                var property = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (!isName)
                {
                    writer.WritePropertyName(property);
                    writer.WriteRawValue(json[start..(int)reader.BytesConsumed], skipInputValidation: true);
                }
            }
            writer.WriteEndObject();
        }
        return new RawTensor(name, buffer.WrittenMemory.ToArray());
    }

    /// <summary>Parses the tensor's values; throws <see cref="InferenceProtocolException"/> when they do not fit its shape and datatype.</summary>
    public InferenceTensor Parse()
    {
        var json = Json.Span;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        try
        {
            return TensorJsonReader.ReadTensor(json, ref reader, $"tensor '{Name}'");
        }
        catch (JsonException e)
        {
            throw new InferenceProtocolException($"tensor '{Name}': malformed JSON: {e.Message}", e);
        }
    }

    /// <summary>A tensor built by the router (a combined output), as JSON.</summary>
    public static RawTensor From(InferenceTensor tensor)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, ProtocolJsonContext.WriterOptions))
        {
            TensorJsonWriter.WriteTensor(writer, tensor);
        }
        return new RawTensor(tensor.Name, buffer.WrittenMemory.ToArray());
    }
}
