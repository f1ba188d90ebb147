using System.Buffers;
using System.Text;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.Serving.Protocol;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Pipelines;

/// <summary>A pipeline request as the router needs it: its id, its parameters (raw) and its inputs as raw tensors.</summary>
public sealed record PipelineRequest(string? Id, ReadOnlyMemory<byte> Parameters, IReadOnlyList<RawTensor> Inputs, IReadOnlyList<string>? RequestedOutputs);

/// <summary>A step model's answer: its outputs as raw tensors and the version it names.</summary>
public sealed record StepAnswer(IReadOnlyList<RawTensor> Outputs, string? ModelVersion);

/// <summary>
/// Reads and writes the V2 bodies of a pipeline without a document model: requests and answers are split into raw
/// tensors (slices of the bodies), step requests and the final answer are written around raw tensors.
/// </summary>
public static class V2Bodies
{
    /// <summary>Reads a caller's request; throws <see cref="InferenceProtocolException"/> when it is not a V2 inference request.</summary>
    public static PipelineRequest ReadRequest(ReadOnlyMemory<byte> body)
    {
        string? id = null;
        ReadOnlyMemory<byte> parameters = default;
        List<RawTensor>? inputs = null;
        List<string>? requested = null;
        var json = body.Span;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InferenceProtocolException("request: expected a JSON object");
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("inputs"u8))
                {
                    reader.Read();
                    inputs = ReadTensors(body, ref reader, "inputs");
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new InferenceProtocolException("request: 'id' must be a string");
                }
                else if (reader.ValueTextEquals("parameters"u8))
                {
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    parameters = body[start..(int)reader.BytesConsumed];
                }
                else if (reader.ValueTextEquals("outputs"u8))
                {
                    reader.Read();
                    requested = ReadRequestedOutputs(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            throw new InferenceProtocolException($"malformed JSON: {e.Message}", e);
        }
        return new PipelineRequest(id, parameters, inputs ?? throw new InferenceProtocolException("request: 'inputs' is required"), requested);
    }

    /// <summary>Reads a model's answer; throws <see cref="InferenceProtocolException"/> when it has no V2 outputs.</summary>
    public static StepAnswer ReadAnswer(ReadOnlyMemory<byte> body)
    {
        string? version = null;
        List<RawTensor>? outputs = null;
        try
        {
            var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InferenceProtocolException("answer: expected a JSON object");
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("outputs"u8))
                {
                    reader.Read();
                    outputs = ReadTensors(body, ref reader, "outputs");
                }
                else if (reader.ValueTextEquals("model_version"u8))
                {
                    reader.Read();
                    version = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            throw new InferenceProtocolException($"malformed JSON: {e.Message}", e);
        }
        return new StepAnswer(outputs ?? throw new InferenceProtocolException("answer: 'outputs' is missing"), version);
    }

    /// <summary>The request a step's model gets: <c>{"id"?, "parameters"?, "inputs": [...]}</c>, with the step's prediction defaults as its parameters.</summary>
    public static byte[] WriteStepRequest(string? id, IReadOnlyList<RawTensor> inputs, ParameterDefaults? parameters = null)
    {
        var buffer = new ArrayBufferWriter<byte>(Length(inputs) + 32 + (id?.Length ?? 0));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ProtocolJsonContext.WriterOptions.Encoder, SkipValidation = true }))
        {
            writer.WriteStartObject();
            if (id is not null)
            {
                writer.WriteString("id"u8, id);
            }
            if (parameters is not null)
            {
                PredictionDefaultsMerge.WriteDefaults(writer, parameters);
            }
            WriteTensors(writer, "inputs"u8, inputs);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The pipeline's answer: <c>{"model_name", "model_version", "id"?, "parameters"?, "outputs"}</c>.</summary>
    public static byte[] WriteAnswer(string model, string version, string? id, IReadOnlyList<CheckFailure> failures, IReadOnlyList<RawTensor> outputs)
    {
        var buffer = new ArrayBufferWriter<byte>(Length(outputs) + 64 + model.Length + (id?.Length ?? 0));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ProtocolJsonContext.WriterOptions.Encoder, SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("model_name"u8, model);
            writer.WriteString("model_version"u8, version);
            if (id is not null)
            {
                writer.WriteString("id"u8, id);
            }
            if (failures.Count > 0)
            {
                writer.WriteStartObject("parameters"u8);
                CheckFailure.WriteArray(writer, "check_failures"u8, failures);
                writer.WriteEndObject();
            }
            WriteTensors(writer, "outputs"u8, outputs);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The value of a V2 request parameter as text (strings as they are, numbers and bools as written), or null.</summary>
    public static string? ParameterText(ReadOnlyMemory<byte> parameters, string name)
    {
        if (parameters.IsEmpty)
        {
            return null;
        }
        var reader = new Utf8JsonReader(parameters.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var matches = reader.ValueTextEquals(name);
            reader.Read();
            if (matches)
            {
                return ScalarText(ref reader);
            }
            reader.Skip();
        }
        return null;
    }

    /// <summary>The element at <paramref name="index"/> (row-major, flattened) of a raw tensor's data as text, or null.</summary>
    public static string? ElementText(RawTensor tensor, int index)
    {
        var reader = new Utf8JsonReader(tensor.Json.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return index == 0 ? ScalarText(ref reader) : null;
            }
            var depth = 0;
            var seen = 0;
            do
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray:
                        depth++;
                        break;
                    case JsonTokenType.EndArray:
                        depth--;
                        break;
                    default:
                        if (seen++ == index)
                        {
                            return ScalarText(ref reader);
                        }
                        break;
                }
            }
            while (depth > 0 && reader.Read());
            return null;
        }
        return null;
    }

    private static string? ScalarText(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => null,
    };

    private static int Length(IReadOnlyList<RawTensor> tensors)
    {
        var length = 0;
        foreach (var tensor in tensors)
        {
            length += tensor.Json.Length + 1;
        }
        return length;
    }

    private static void WriteTensors(Utf8JsonWriter writer, ReadOnlySpan<byte> property, IReadOnlyList<RawTensor> tensors)
    {
        writer.WriteStartArray(property);
        foreach (var tensor in tensors)
        {
            writer.WriteRawValue(tensor.Json.Span, skipInputValidation: true);
        }
        writer.WriteEndArray();
    }

    private static List<RawTensor> ReadTensors(ReadOnlyMemory<byte> body, ref Utf8JsonReader reader, string property)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InferenceProtocolException($"'{property}' must be an array");
        }
        var tensors = new List<RawTensor>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var where = $"{property}[{tensors.Count}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InferenceProtocolException($"{where}: expected a tensor object");
            }
            var start = (int)reader.TokenStartIndex;
            string? name = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("name"u8);
                reader.Read();
                if (isName && reader.TokenType == JsonTokenType.String)
                {
                    name = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
            tensors.Add(new RawTensor(name ?? throw new InferenceProtocolException($"{where}: 'name' is required"), body[start..(int)reader.BytesConsumed]));
        }
        return tensors;
    }

    private static List<string> ReadRequestedOutputs(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InferenceProtocolException("'outputs' must be an array");
        }
        var names = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InferenceProtocolException($"outputs[{names.Count}]: expected an object");
            }
            string? name = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("name"u8);
                reader.Read();
                if (isName && reader.TokenType == JsonTokenType.String)
                {
                    name = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
            names.Add(name ?? throw new InferenceProtocolException($"outputs[{names.Count}]: 'name' is required"));
        }
        return names;
    }
}
