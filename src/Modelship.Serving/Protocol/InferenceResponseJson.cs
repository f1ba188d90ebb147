using System.Buffers;
using System.Text.Json;

namespace Modelship.Serving.Protocol;

/// <summary>Reads and writes V2 inference responses.</summary>
public static class InferenceResponseJson
{
    public static void Write(Utf8JsonWriter writer, InferenceResponse response)
    {
        writer.WriteStartObject();
        writer.WriteString("model_name"u8, response.ModelName);
        if (response.ModelVersion is not null) writer.WriteString("model_version"u8, response.ModelVersion);
        if (response.Id is not null) writer.WriteString("id"u8, response.Id);
        if (response.Parameters is { Count: > 0 }) TensorJsonWriter.WriteParameters(writer, response.Parameters);
        writer.WriteStartArray("outputs"u8);
        foreach (var output in response.Outputs) TensorJsonWriter.WriteTensor(writer, output);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static byte[] Serialize(InferenceResponse response)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ProtocolJsonContext.WriterOptions)) Write(writer, response);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses a response body (a runtime's answer); problems become <see cref="InferenceProtocolException"/>.</summary>
    public static InferenceResponse Parse(ReadOnlySpan<byte> json)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty) throw new InferenceProtocolException("response body is empty");
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            reader.Read();
            TensorJsonReader.Expect(ref reader, JsonTokenType.StartObject, "response");
            string? modelName = null, modelVersion = null, id = null;
            IReadOnlyDictionary<string, JsonElement>? parameters = null;
            List<InferenceTensor>? outputs = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("model_name"u8))
                {
                    reader.Read();
                    modelName = TensorJsonReader.ReadString(ref reader, "model_name");
                }
                else if (reader.ValueTextEquals("model_version"u8))
                {
                    reader.Read();
                    modelVersion = TensorJsonReader.ReadString(ref reader, "model_version");
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = TensorJsonReader.ReadString(ref reader, "id");
                }
                else if (reader.ValueTextEquals("parameters"u8))
                {
                    reader.Read();
                    parameters = TensorJsonReader.ReadParameters(ref reader, "parameters");
                }
                else if (reader.ValueTextEquals("outputs"u8))
                {
                    reader.Read();
                    TensorJsonReader.Expect(ref reader, JsonTokenType.StartArray, "outputs");
                    outputs = [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        outputs.Add(TensorJsonReader.ReadTensor(json, ref reader, $"outputs[{outputs.Count}]"));
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (modelName is null) throw new InferenceProtocolException("response: 'model_name' is required");
            if (outputs is null) throw new InferenceProtocolException("response: 'outputs' is required");
            return new InferenceResponse(modelName, outputs, modelVersion, id, parameters);
        }
        catch (JsonException e)
        {
            throw new InferenceProtocolException($"malformed JSON: {e.Message}", e);
        }
    }
}
