using System.Runtime.InteropServices;
using System.Text.Json;

namespace Modelship.Serving.Protocol;

/// <summary>
/// A named tensor of a V2 request or response: row-major elements, either in a fixed-width little-endian byte
/// buffer (<see cref="Buffer"/>) or, for BYTES, as strings (<see cref="Strings"/>).
/// </summary>
public sealed class InferenceTensor
{
    private InferenceTensor(
        string name, TensorDataType dataType, long[] shape, byte[]? buffer, string[]? strings,
        IReadOnlyDictionary<string, JsonElement>? parameters)
    {
        Name = name;
        DataType = dataType;
        Shape = shape;
        Buffer = buffer;
        Strings = strings;
        Parameters = parameters;
    }

    public string Name { get; }

    public TensorDataType DataType { get; }

    public long[] Shape { get; }

    /// <summary>The elements of a fixed-width type; null for BYTES.</summary>
    public byte[]? Buffer { get; }

    /// <summary>The elements of a BYTES tensor; null otherwise.</summary>
    public string[]? Strings { get; }

    public IReadOnlyDictionary<string, JsonElement>? Parameters { get; }

    public long ElementCount => Strings?.Length ?? (Buffer!.Length / DataType.ElementSize());

    /// <summary>The number of elements <paramref name="shape"/> describes, or -1 when a dimension is negative or it overflows.</summary>
    public static long CountElements(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0) return -1;
            try { count = checked(count * dim); }
            catch (OverflowException) { return -1; }
        }

        return count;
    }

    public static InferenceTensor FromBuffer(
        string name, TensorDataType dataType, long[] shape, byte[] buffer,
        IReadOnlyDictionary<string, JsonElement>? parameters = null)
    {
        if (dataType == TensorDataType.Bytes)
            throw new ArgumentException("BYTES tensors hold strings; use FromStrings", nameof(dataType));
        var count = CountElements(shape);
        if (count < 0 || count * dataType.ElementSize() != buffer.Length)
            throw new ArgumentException(
                $"tensor '{name}': {buffer.Length} bytes do not hold shape [{string.Join(',', shape)}] of {dataType.ToV2Name()}",
                nameof(buffer));
        return new InferenceTensor(name, dataType, shape, buffer, null, parameters);
    }

    public static InferenceTensor FromArray<T>(string name, long[] shape, T[] data) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(data.AsSpan()).ToArray();
        return FromBuffer(name, TensorDataTypes.Of<T>(), shape, bytes);
    }

    public static InferenceTensor FromStrings(
        string name, long[] shape, string[] data, IReadOnlyDictionary<string, JsonElement>? parameters = null)
    {
        if (CountElements(shape) != data.Length)
            throw new ArgumentException(
                $"tensor '{name}': {data.Length} strings do not fill shape [{string.Join(',', shape)}]", nameof(data));
        return new InferenceTensor(name, TensorDataType.Bytes, shape, null, data, parameters);
    }

    /// <summary>The elements as <typeparamref name="T"/>, which must match <see cref="DataType"/>.</summary>
    public ReadOnlySpan<T> AsSpan<T>() where T : unmanaged
    {
        if (TensorDataTypes.Of<T>() != DataType)
            throw new InvalidOperationException($"tensor '{Name}' is {DataType.ToV2Name()}, not {typeof(T).Name}");
        return MemoryMarshal.Cast<byte, T>(Buffer);
    }

    public T[] ToArray<T>() where T : unmanaged => AsSpan<T>().ToArray();

    public InferenceTensor WithName(string name) => new(name, DataType, Shape, Buffer, Strings, Parameters);
}
