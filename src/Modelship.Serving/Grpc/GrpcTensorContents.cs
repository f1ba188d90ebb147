using System.Runtime.InteropServices;
using System.Text;
using Google.Protobuf;
using Modelship.Serving.Grpc.V2;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Grpc;

/// <summary>
/// The typed <c>InferTensorContents</c> of one tensor to and from the little-endian element buffer of an
/// <see cref="InferenceTensor"/>. Each datatype has one contents field (the proto's comment lists them); elements in
/// another field, values out of the datatype's range and counts that do not fill the shape are the caller's errors.
/// </summary>
public static class GrpcTensorContents
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The contents field a datatype takes, as the proto names it; null for FP16, which travels raw only.</summary>
    public static string? FieldOf(TensorDataType type) => type switch
    {
        TensorDataType.Bool => "bool_contents",
        TensorDataType.Int8 or TensorDataType.Int16 or TensorDataType.Int32 => "int_contents",
        TensorDataType.Int64 => "int64_contents",
        TensorDataType.UInt8 or TensorDataType.UInt16 or TensorDataType.UInt32 => "uint_contents",
        TensorDataType.UInt64 => "uint64_contents",
        TensorDataType.Fp32 => "fp32_contents",
        TensorDataType.Fp64 => "fp64_contents",
        TensorDataType.Bytes => "bytes_contents",
        _ => null,
    };

    public static InferenceTensor ToTensor(
        string name, TensorDataType type, long[] shape, InferTensorContents? contents, long count, string label,
        IReadOnlyDictionary<string, System.Text.Json.JsonElement>? parameters)
    {
        contents ??= new InferTensorContents();
        var field = FieldOf(type) ?? throw new InferenceProtocolException(
            $"{label}: {type.ToV2Name()} has no contents field; send its elements in raw_input_contents");
        foreach (var (other, length) in Lengths(contents))
        {
            if (other != field && length > 0)
                throw new InferenceProtocolException($"{label}: datatype {type.ToV2Name()} takes {field}, but {other} has {length} element(s)");
        }

        var given = Lengths(contents).First(l => l.Field == field).Length;
        if (given != count)
            throw new InferenceProtocolException(
                $"{label}: shape [{string.Join(',', shape)}] needs {count} element(s), {field} has {given}");

        if (type == TensorDataType.Bytes)
        {
            var strings = new string[given];
            for (var i = 0; i < strings.Length; i++) strings[i] = Utf8(contents.BytesContents[i].Span, $"{label}: element {i}");
            return InferenceTensor.FromStrings(name, shape, strings, parameters);
        }

        var buffer = type switch
        {
            TensorDataType.Bool => contents.BoolContents.Select(b => b ? (byte)1 : (byte)0).ToArray(),
            TensorDataType.Int8 => Bytes(Narrow(contents.IntContents, sbyte.MinValue, sbyte.MaxValue, type, label, v => (sbyte)v)),
            TensorDataType.Int16 => Bytes(Narrow(contents.IntContents, short.MinValue, short.MaxValue, type, label, v => (short)v)),
            TensorDataType.Int32 => Bytes(contents.IntContents.ToArray()),
            TensorDataType.Int64 => Bytes(contents.Int64Contents.ToArray()),
            TensorDataType.UInt8 => Bytes(Narrow(contents.UintContents, byte.MinValue, byte.MaxValue, type, label, v => (byte)v)),
            TensorDataType.UInt16 => Bytes(Narrow(contents.UintContents, ushort.MinValue, ushort.MaxValue, type, label, v => (ushort)v)),
            TensorDataType.UInt32 => Bytes(contents.UintContents.ToArray()),
            TensorDataType.UInt64 => Bytes(contents.Uint64Contents.ToArray()),
            TensorDataType.Fp32 => Bytes(contents.Fp32Contents.ToArray()),
            TensorDataType.Fp64 => Bytes(contents.Fp64Contents.ToArray()),
            _ => throw new InferenceProtocolException($"{label}: datatype {type.ToV2Name()} has no contents field"),
        };
        return InferenceTensor.FromBuffer(name, type, shape, buffer, parameters);
    }

    /// <summary>The typed contents of <paramref name="tensor"/>; its datatype must have a contents field (not FP16).</summary>
    public static InferTensorContents FromTensor(InferenceTensor tensor)
    {
        var contents = new InferTensorContents();
        switch (tensor.DataType)
        {
            case TensorDataType.Bytes:
                foreach (var s in tensor.Strings!) contents.BytesContents.Add(ByteString.CopyFromUtf8(s));
                break;
            case TensorDataType.Bool:
                foreach (var v in tensor.Buffer!) contents.BoolContents.Add(v != 0);
                break;
            case TensorDataType.Int8:
                foreach (var v in tensor.AsSpan<sbyte>()) contents.IntContents.Add(v);
                break;
            case TensorDataType.Int16:
                foreach (var v in tensor.AsSpan<short>()) contents.IntContents.Add(v);
                break;
            case TensorDataType.Int32:
                contents.IntContents.Add(tensor.ToArray<int>());
                break;
            case TensorDataType.Int64:
                contents.Int64Contents.Add(tensor.ToArray<long>());
                break;
            case TensorDataType.UInt8:
                foreach (var v in tensor.AsSpan<byte>()) contents.UintContents.Add(v);
                break;
            case TensorDataType.UInt16:
                foreach (var v in tensor.AsSpan<ushort>()) contents.UintContents.Add(v);
                break;
            case TensorDataType.UInt32:
                contents.UintContents.Add(tensor.ToArray<uint>());
                break;
            case TensorDataType.UInt64:
                contents.Uint64Contents.Add(tensor.ToArray<ulong>());
                break;
            case TensorDataType.Fp32:
                contents.Fp32Contents.Add(tensor.ToArray<float>());
                break;
            case TensorDataType.Fp64:
                contents.Fp64Contents.Add(tensor.ToArray<double>());
                break;
            default:
                throw new ArgumentException($"tensor '{tensor.Name}': {tensor.DataType.ToV2Name()} has no contents field", nameof(tensor));
        }

        return contents;
    }

    internal static string Utf8(ReadOnlySpan<byte> bytes, string where)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // V2 JSON carries BYTES elements as strings, and the router and runtime speak JSON behind the gRPC edge.
            throw new InferenceProtocolException($"{where}: BYTES elements must be UTF-8 text here");
        }
    }

    private static IEnumerable<(string Field, int Length)> Lengths(InferTensorContents contents)
    {
        yield return ("bool_contents", contents.BoolContents.Count);
        yield return ("int_contents", contents.IntContents.Count);
        yield return ("int64_contents", contents.Int64Contents.Count);
        yield return ("uint_contents", contents.UintContents.Count);
        yield return ("uint64_contents", contents.Uint64Contents.Count);
        yield return ("fp32_contents", contents.Fp32Contents.Count);
        yield return ("fp64_contents", contents.Fp64Contents.Count);
        yield return ("bytes_contents", contents.BytesContents.Count);
    }

    private static T[] Narrow<TWide, T>(IList<TWide> values, long min, long max, TensorDataType type, string label, Func<TWide, T> cast)
        where TWide : IConvertible
    {
        var narrowed = new T[values.Count];
        for (var i = 0; i < narrowed.Length; i++)
        {
            var wide = values[i].ToInt64(System.Globalization.CultureInfo.InvariantCulture);
            if (wide < min || wide > max)
                throw new InferenceProtocolException($"{label}: element {i}: {wide} is outside the range of {type.ToV2Name()} ({min} to {max})");
            narrowed[i] = cast(values[i]);
        }

        return narrowed;
    }

    private static byte[] Bytes<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
