using Modelship.Serving.Protocol;

namespace Modelship.Serving.Pipelines;

/// <summary>
/// Tensors as CEL sees them: a map from tensor name to a list of its elements (row-major, flattened), with
/// integers as int (long), floats as double, BOOL as bool and BYTES as string. Dictionaries and arrays, never plain
/// objects: the CEL library reads plain objects by reflection, which Native AOT does not keep.
/// </summary>
public static class TensorValues
{
    /// <summary>The CEL map of <paramref name="tensors"/>; a tensor whose values do not parse is left out (an expression reading it fails).</summary>
    public static Dictionary<string, object> Map(IReadOnlyList<RawTensor> tensors)
    {
        var map = new Dictionary<string, object>(tensors.Count, StringComparer.Ordinal);
        foreach (var tensor in tensors)
        {
            try
            {
                map[tensor.Name] = Elements(tensor.Parse());
            }
            catch (InferenceProtocolException)
            {
                map.Remove(tensor.Name);
            }
        }
        return map;
    }

    public static object[] Elements(InferenceTensor tensor)
    {
        if (tensor.DataType == TensorDataType.Bytes)
        {
            return [.. tensor.Strings!];
        }
        var count = (int)tensor.ElementCount;
        var values = new object[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = Element(tensor, i);
        }
        return values;
    }

    /// <summary>Element <paramref name="index"/> of a fixed-width tensor as a CEL value.</summary>
    public static object Element(InferenceTensor tensor, int index) => tensor.DataType switch
    {
        TensorDataType.Bool => tensor.AsSpan<bool>()[index],
        TensorDataType.UInt8 => (long)tensor.AsSpan<byte>()[index],
        TensorDataType.UInt16 => (long)tensor.AsSpan<ushort>()[index],
        TensorDataType.UInt32 => (long)tensor.AsSpan<uint>()[index],
        TensorDataType.UInt64 => unchecked((long)tensor.AsSpan<ulong>()[index]),
        TensorDataType.Int8 => (long)tensor.AsSpan<sbyte>()[index],
        TensorDataType.Int16 => (long)tensor.AsSpan<short>()[index],
        TensorDataType.Int32 => (long)tensor.AsSpan<int>()[index],
        TensorDataType.Int64 => tensor.AsSpan<long>()[index],
        TensorDataType.Fp16 => (double)tensor.AsSpan<Half>()[index],
        TensorDataType.Fp32 => (double)tensor.AsSpan<float>()[index],
        TensorDataType.Fp64 => tensor.AsSpan<double>()[index],
        TensorDataType.Bytes => tensor.Strings![index],
        _ => throw new ArgumentOutOfRangeException(nameof(tensor), tensor.DataType, "unknown datatype"),
    };

    /// <summary>Element <paramref name="index"/> of a numeric tensor as a double; throws for BOOL and BYTES.</summary>
    public static double Number(InferenceTensor tensor, int index) => Element(tensor, index) switch
    {
        long l => l,
        double d => d,
        _ => throw new InferenceProtocolException($"tensor '{tensor.Name}' is {tensor.DataType.ToV2Name()}, not numeric"),
    };
}
