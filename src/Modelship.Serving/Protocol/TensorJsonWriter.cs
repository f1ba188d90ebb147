using System.Text.Json;

namespace Modelship.Serving.Protocol;

/// <summary>
/// Writes V2 tensor objects with flat row-major "data". Non-finite floats, which JSON numbers cannot carry, are
/// written as the strings "NaN", "Infinity" and "-Infinity" (the reader accepts the same).
/// </summary>
internal static class TensorJsonWriter
{
    public static void WriteTensor(Utf8JsonWriter writer, InferenceTensor tensor)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, tensor.Name);
        writer.WriteString("datatype"u8, tensor.DataType.ToV2Name());
        writer.WriteStartArray("shape"u8);
        foreach (var dim in tensor.Shape) writer.WriteNumberValue(dim);
        writer.WriteEndArray();
        if (tensor.Parameters is { Count: > 0 }) WriteParameters(writer, tensor.Parameters);
        writer.WritePropertyName("data"u8);
        WriteData(writer, tensor);
        writer.WriteEndObject();
    }

    public static void WriteParameters(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> parameters)
    {
        writer.WriteStartObject("parameters"u8);
        foreach (var (key, value) in parameters)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter writer, InferenceTensor tensor)
    {
        writer.WriteStartArray();
        switch (tensor.DataType)
        {
            case TensorDataType.Bytes:
                foreach (var s in tensor.Strings!) writer.WriteStringValue(s);
                break;
            case TensorDataType.Bool:
                foreach (var v in tensor.AsSpan<bool>()) writer.WriteBooleanValue(v);
                break;
            case TensorDataType.UInt8:
                foreach (var v in tensor.AsSpan<byte>()) writer.WriteNumberValue(v);
                break;
            case TensorDataType.UInt16:
                foreach (var v in tensor.AsSpan<ushort>()) writer.WriteNumberValue(v);
                break;
            case TensorDataType.UInt32:
                foreach (var v in tensor.AsSpan<uint>()) writer.WriteNumberValue(v);
                break;
            case TensorDataType.UInt64:
                foreach (var v in tensor.AsSpan<ulong>()) writer.WriteNumberValue(v);
                break;
            case TensorDataType.Int8:
                foreach (var v in tensor.AsSpan<sbyte>()) writer.WriteNumberValue(v);
                break;
            case TensorDataType.Int16:
                foreach (var v in tensor.AsSpan<short>()) writer.WriteNumberValue(v);
                break;
            case TensorDataType.Int32:
                foreach (var v in tensor.AsSpan<int>()) writer.WriteNumberValue(v);
                break;
            case TensorDataType.Int64:
                foreach (var v in tensor.AsSpan<long>()) writer.WriteNumberValue(v);
                break;
            case TensorDataType.Fp16:
                foreach (var v in tensor.AsSpan<Half>()) WriteFloat(writer, (float)v);
                break;
            case TensorDataType.Fp32:
                foreach (var v in tensor.AsSpan<float>()) WriteFloat(writer, v);
                break;
            case TensorDataType.Fp64:
                foreach (var v in tensor.AsSpan<double>()) WriteDouble(writer, v);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(tensor), tensor.DataType, "unknown datatype");
        }

        writer.WriteEndArray();
    }

    private static void WriteFloat(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value)) writer.WriteNumberValue(value);
        else WriteNonFinite(writer, value);
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else WriteNonFinite(writer, value);
    }

    private static void WriteNonFinite(Utf8JsonWriter writer, double value) =>
        writer.WriteStringValue(double.IsNaN(value) ? "NaN"u8 : value > 0 ? "Infinity"u8 : "-Infinity"u8);
}
