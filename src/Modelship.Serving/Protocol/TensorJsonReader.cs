using System.Runtime.InteropServices;
using System.Text.Json;

namespace Modelship.Serving.Protocol;

/// <summary>
/// Reads V2 tensor objects <c>{name, shape, datatype, parameters?, data}</c> straight into typed buffers.
/// JSON members come in any order, so "data" is skipped on the first pass and parsed once shape and datatype are
/// known; that is why readers work over the whole document span.
/// </summary>
internal static class TensorJsonReader
{
    public static InferenceTensor ReadTensor(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, string where)
    {
        Expect(ref reader, JsonTokenType.StartObject, where);
        string? name = null;
        long[]? shape = null;
        TensorDataType? dataType = null;
        IReadOnlyDictionary<string, JsonElement>? parameters = null;
        var dataStart = -1L;
        var dataEnd = -1L;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = ReadString(ref reader, $"{where}.name");
            }
            else if (reader.ValueTextEquals("shape"u8))
            {
                reader.Read();
                shape = ReadShape(ref reader, $"{where}.shape");
            }
            else if (reader.ValueTextEquals("datatype"u8))
            {
                reader.Read();
                var text = ReadString(ref reader, $"{where}.datatype");
                if (!TensorDataTypes.TryParseV2Name(text, out var parsed))
                    throw new InferenceProtocolException($"{where}.datatype: unknown datatype '{text}'");
                dataType = parsed;
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                reader.Read();
                parameters = ReadParameters(ref reader, $"{where}.parameters");
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                dataStart = reader.TokenStartIndex;
                reader.Skip();
                dataEnd = reader.BytesConsumed;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (name is null) throw new InferenceProtocolException($"{where}: 'name' is required");
        var label = $"{where} ('{name}')";
        if (shape is null) throw new InferenceProtocolException($"{label}: 'shape' is required");
        if (dataType is null) throw new InferenceProtocolException($"{label}: 'datatype' is required");
        if (dataStart < 0) throw new InferenceProtocolException($"{label}: 'data' is required");

        var count = InferenceTensor.CountElements(shape);
        if (count < 0)
            throw new InferenceProtocolException($"{label}: shape [{string.Join(',', shape)}] is not a valid tensor shape");
        var data = json[(int)dataStart..(int)dataEnd];
        // Every element takes at least one byte of JSON: this rejects absurd shapes before allocating for them.
        if (count > data.Length)
            throw new InferenceProtocolException(
                $"{label}: shape [{string.Join(',', shape)}] needs {count} elements but data holds fewer");
        return ReadData(data, name, dataType.Value, shape, (int)count, parameters, label);
    }

    public static IReadOnlyDictionary<string, JsonElement> ReadParameters(ref Utf8JsonReader reader, string where)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new InferenceProtocolException($"{where}: expected an object");
        var element = JsonElement.ParseValue(ref reader);
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        try
        {
            foreach (var property in element.EnumerateObject())
                parameters[property.Name] = property.Value;
        }
        catch (InvalidOperationException e)
        {
            throw NotText(where, e);
        }

        return parameters;
    }

    public static string ReadString(ref Utf8JsonReader reader, string where)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new InferenceProtocolException($"{where}: expected a string");
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw NotText(where, e);
        }
    }

    /// <summary>
    /// <see cref="Utf8JsonReader.GetString"/> refuses invalid UTF-8 and escaped lone surrogates ("\ud800") with an
    /// InvalidOperationException: the caller's mistake, not ours.
    /// </summary>
    private static InferenceProtocolException NotText(string where, InvalidOperationException e) =>
        new($"{where}: a string is not valid text ({e.Message})", e);

    public static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string where)
    {
        if (reader.TokenType != type)
            throw new InferenceProtocolException($"{where}: expected {Describe(type)}, found {Describe(reader.TokenType)}");
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    private static long[] ReadShape(ref Utf8JsonReader reader, string where)
    {
        Expect(ref reader, JsonTokenType.StartArray, where);
        var dims = new List<long>(4);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var dim) || dim < 0)
                throw new InferenceProtocolException($"{where}: dimensions must be non-negative integers");
            dims.Add(dim);
        }

        return dims.ToArray();
    }

    private static InferenceTensor ReadData(
        ReadOnlySpan<byte> data, string name, TensorDataType dataType, long[] shape, int count,
        IReadOnlyDictionary<string, JsonElement>? parameters, string label)
    {
        var reader = new Utf8JsonReader(data);
        reader.Read();
        if (dataType == TensorDataType.Bytes)
        {
            var strings = new string[count];
            FillElements<string, StringElement>(ref reader, strings, label, dataType);
            return InferenceTensor.FromStrings(name, shape, strings, parameters);
        }

        var buffer = new byte[count * dataType.ElementSize()];
        switch (dataType)
        {
            case TensorDataType.Bool: FillElements<bool, BoolElement>(ref reader, MemoryMarshal.Cast<byte, bool>(buffer.AsSpan()), label, dataType); break;
            case TensorDataType.UInt8: FillElements<byte, UInt8Element>(ref reader, buffer, label, dataType); break;
            case TensorDataType.UInt16: FillElements<ushort, UInt16Element>(ref reader, MemoryMarshal.Cast<byte, ushort>(buffer.AsSpan()), label, dataType); break;
            case TensorDataType.UInt32: FillElements<uint, UInt32Element>(ref reader, MemoryMarshal.Cast<byte, uint>(buffer.AsSpan()), label, dataType); break;
            case TensorDataType.UInt64: FillElements<ulong, UInt64Element>(ref reader, MemoryMarshal.Cast<byte, ulong>(buffer.AsSpan()), label, dataType); break;
            case TensorDataType.Int8: FillElements<sbyte, Int8Element>(ref reader, MemoryMarshal.Cast<byte, sbyte>(buffer.AsSpan()), label, dataType); break;
            case TensorDataType.Int16: FillElements<short, Int16Element>(ref reader, MemoryMarshal.Cast<byte, short>(buffer.AsSpan()), label, dataType); break;
            case TensorDataType.Int32: FillElements<int, Int32Element>(ref reader, MemoryMarshal.Cast<byte, int>(buffer.AsSpan()), label, dataType); break;
            case TensorDataType.Int64: FillElements<long, Int64Element>(ref reader, MemoryMarshal.Cast<byte, long>(buffer.AsSpan()), label, dataType); break;
            case TensorDataType.Fp16: FillElements<Half, Fp16Element>(ref reader, MemoryMarshal.Cast<byte, Half>(buffer.AsSpan()), label, dataType); break;
            case TensorDataType.Fp32: FillElements<float, Fp32Element>(ref reader, MemoryMarshal.Cast<byte, float>(buffer.AsSpan()), label, dataType); break;
            case TensorDataType.Fp64: FillElements<double, Fp64Element>(ref reader, MemoryMarshal.Cast<byte, double>(buffer.AsSpan()), label, dataType); break;
            default: throw new InferenceProtocolException($"{label}: datatype {dataType.ToV2Name()} is not supported");
        }

        return InferenceTensor.FromBuffer(name, dataType, shape, buffer, parameters);
    }

    /// <summary>Flattens a (possibly nested) array, or a single scalar, row-major into <paramref name="destination"/>.</summary>
    private static void FillElements<T, TElement>(
        ref Utf8JsonReader reader, Span<T> destination, string label, TensorDataType dataType)
        where TElement : IJsonElementParser<T>
    {
        var index = 0;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Store<T, TElement>(ref reader, destination, ref index, label, dataType);
        }
        else
        {
            var depth = 1;
            while (depth > 0 && reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray: depth++; break;
                    case JsonTokenType.EndArray: depth--; break;
                    default: Store<T, TElement>(ref reader, destination, ref index, label, dataType); break;
                }
            }
        }

        if (index != destination.Length)
            throw new InferenceProtocolException(
                $"{label}: shape needs {destination.Length} elements but data has {index}");
    }

    private static void Store<T, TElement>(
        ref Utf8JsonReader reader, Span<T> destination, ref int index, string label, TensorDataType dataType)
        where TElement : IJsonElementParser<T>
    {
        if (index >= destination.Length)
            throw new InferenceProtocolException($"{label}: data has more elements than the shape's {destination.Length}");
        if (!TElement.TryParse(ref reader, out var value))
            throw new InferenceProtocolException(
                $"{label}: element {index}: {TensorElementProblems.Describe(ref reader, dataType)}");
        destination[index++] = value;
    }
}
