using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Modelship.Serving.Protocol;

/// <summary>Reads and writes V2 inference requests (the hot path: no intermediate DOM for tensor data).</summary>
public static class InferenceRequestJson
{
    /// <summary>Parses a request body; every problem with it becomes an <see cref="InferenceProtocolException"/>.</summary>
    public static InferenceRequest Parse(ReadOnlySpan<byte> json)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty) throw new InferenceProtocolException("request body is empty");
        // JSON text is UTF-8 (RFC 8259); Utf8JsonReader checks that only in the strings it is asked to decode.
        if (!Utf8.IsValid(json))
            throw new InferenceProtocolException($"request body is not valid UTF-8 (at byte {InvalidUtf8.Offset(json)})");
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            reader.Read();
            TensorJsonReader.Expect(ref reader, JsonTokenType.StartObject, "request");
            string? id = null;
            IReadOnlyDictionary<string, JsonElement>? parameters = null;
            List<InferenceTensor>? inputs = null;
            List<RequestedOutput>? outputs = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = TensorJsonReader.ReadString(ref reader, "id");
                }
                else if (reader.ValueTextEquals("parameters"u8))
                {
                    reader.Read();
                    parameters = TensorJsonReader.ReadParameters(ref reader, "parameters");
                }
                else if (reader.ValueTextEquals("inputs"u8))
                {
                    reader.Read();
                    inputs = ReadInputs(json, ref reader);
                }
                else if (reader.ValueTextEquals("outputs"u8))
                {
                    reader.Read();
                    outputs = ReadOutputs(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.Read()) throw new InferenceProtocolException("request: unexpected data after the JSON object");
            if (inputs is null) throw new InferenceProtocolException("request: 'inputs' is required");
            return new InferenceRequest(inputs, outputs, id, parameters);
        }
        catch (JsonException e)
        {
            throw new InferenceProtocolException($"malformed JSON: {e.Message}", e);
        }
    }

    public static void Write(Utf8JsonWriter writer, InferenceRequest request)
    {
        writer.WriteStartObject();
        if (request.Id is not null) writer.WriteString("id"u8, request.Id);
        if (request.Parameters is { Count: > 0 }) TensorJsonWriter.WriteParameters(writer, request.Parameters);
        writer.WriteStartArray("inputs"u8);
        foreach (var input in request.Inputs) TensorJsonWriter.WriteTensor(writer, input);
        writer.WriteEndArray();
        if (request.Outputs is not null)
        {
            writer.WriteStartArray("outputs"u8);
            foreach (var output in request.Outputs)
            {
                writer.WriteStartObject();
                writer.WriteString("name"u8, output.Name);
                if (output.Parameters is { Count: > 0 }) TensorJsonWriter.WriteParameters(writer, output.Parameters);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    public static byte[] Serialize(InferenceRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ProtocolJsonContext.WriterOptions)) Write(writer, request);
        return buffer.WrittenSpan.ToArray();
    }

    private static List<InferenceTensor> ReadInputs(ReadOnlySpan<byte> json, ref Utf8JsonReader reader)
    {
        TensorJsonReader.Expect(ref reader, JsonTokenType.StartArray, "inputs");
        var inputs = new List<InferenceTensor>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            inputs.Add(TensorJsonReader.ReadTensor(json, ref reader, $"inputs[{inputs.Count}]"));
        return inputs;
    }

    private static List<RequestedOutput> ReadOutputs(ref Utf8JsonReader reader)
    {
        TensorJsonReader.Expect(ref reader, JsonTokenType.StartArray, "outputs");
        var outputs = new List<RequestedOutput>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var where = $"outputs[{outputs.Count}]";
            TensorJsonReader.Expect(ref reader, JsonTokenType.StartObject, where);
            string? name = null;
            IReadOnlyDictionary<string, JsonElement>? parameters = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = TensorJsonReader.ReadString(ref reader, $"{where}.name");
                }
                else if (reader.ValueTextEquals("parameters"u8))
                {
                    reader.Read();
                    parameters = TensorJsonReader.ReadParameters(ref reader, $"{where}.parameters");
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            outputs.Add(new RequestedOutput(name ?? throw new InferenceProtocolException($"{where}: 'name' is required"), parameters));
        }

        return outputs;
    }
}
