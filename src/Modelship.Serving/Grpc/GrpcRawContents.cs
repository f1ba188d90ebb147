using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Grpc;

/// <summary>
/// One tensor's entry of <c>raw_input_contents</c> / <c>raw_output_contents</c>: the row-major little-endian elements
/// of a fixed-width datatype (BOOL one byte each), or for BYTES each element as a 4-byte little-endian length followed
/// by its bytes (the encoding Triton and KServe clients use).
/// </summary>
public static class GrpcRawContents
{
    public static InferenceTensor ToTensor(
        string name, TensorDataType type, long[] shape, ReadOnlySpan<byte> raw, long count, string label,
        IReadOnlyDictionary<string, JsonElement>? parameters)
    {
        if (type == TensorDataType.Bytes)
            return InferenceTensor.FromStrings(name, shape, ReadStrings(raw, count, shape, label), parameters);

        var size = type.ElementSize();
        if (raw.Length != count * size)
            throw new InferenceProtocolException(
                $"{label}: shape [{string.Join(',', shape)}] of {type.ToV2Name()} needs {count * size} raw bytes ({count} x {size}), raw_input_contents has {raw.Length}");
        var buffer = raw.ToArray();
        if (type == TensorDataType.Bool)
        {
            // Any non-zero byte is true; stored as 1 so the element buffer holds valid bools.
            for (var i = 0; i < buffer.Length; i++) buffer[i] = buffer[i] == 0 ? (byte)0 : (byte)1;
        }

        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("raw tensor contents need a little-endian machine");
        return InferenceTensor.FromBuffer(name, type, shape, buffer, parameters);
    }

    public static ByteString FromTensor(InferenceTensor tensor)
    {
        if (tensor.DataType != TensorDataType.Bytes) return ByteString.CopyFrom(tensor.Buffer);
        var strings = tensor.Strings!;
        var length = strings.Sum(s => 4 + Encoding.UTF8.GetByteCount(s));
        var bytes = new byte[length];
        var offset = 0;
        foreach (var s in strings)
        {
            var written = Encoding.UTF8.GetBytes(s, bytes.AsSpan(offset + 4));
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), (uint)written);
            offset += 4 + written;
        }

        return ByteString.CopyFrom(bytes);
    }

    private static string[] ReadStrings(ReadOnlySpan<byte> raw, long count, long[] shape, string label)
    {
        var strings = new List<string>();
        var offset = 0;
        while (offset < raw.Length)
        {
            if (raw.Length - offset < 4)
                throw new InferenceProtocolException($"{label}: raw BYTES element {strings.Count}: {raw.Length - offset} byte(s) left, a 4-byte length expected");
            var length = BinaryPrimitives.ReadUInt32LittleEndian(raw[offset..]);
            offset += 4;
            if (length > raw.Length - offset)
                throw new InferenceProtocolException($"{label}: raw BYTES element {strings.Count}: length {length} runs past the end ({raw.Length - offset} byte(s) left)");
            strings.Add(GrpcTensorContents.Utf8(raw.Slice(offset, (int)length), $"{label}: element {strings.Count}"));
            offset += (int)length;
            if (strings.Count > count) break;
        }

        if (strings.Count != count)
            throw new InferenceProtocolException(
                $"{label}: shape [{string.Join(',', shape)}] needs {count} element(s), raw_input_contents holds {(strings.Count > count ? "more" : strings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        return [.. strings];
    }
}
