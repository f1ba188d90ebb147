using System.Text;
using System.Text.Json;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// Copies a Run output into an <see cref="InferenceTensor"/>. Tensors map one to one. A sequence of maps (ZipMap's
/// per-row class probabilities) becomes a [rows, classes] tensor of the map values, with the map keys, in the order
/// ONNX Runtime returns them, in the tensor's "keys" parameter. Other ONNX values cannot be served over V2.
/// </summary>
internal readonly unsafe struct OrtValueReader(OnnxRuntimeEnvironment runtime)
{
    public InferenceTensor Read(string name, nint value)
    {
        int kind;
        runtime.Check(runtime.Api.GetValueType(value, &kind));
        return (OnnxValueKind)kind switch
        {
            OnnxValueKind.Tensor => ReadTensor(name, value),
            OnnxValueKind.Sequence => ReadSequenceOfMaps(name, value),
            var other => throw new NotSupportedException(
                $"output '{name}' is an ONNX {other} value; only tensors and sequences of maps can be served"),
        };
    }

    private InferenceTensor ReadTensor(string name, nint value)
    {
        var api = runtime.Api;
        nint info;
        int elementType;
        nuint rank;
        runtime.Check(api.GetTensorTypeAndShape(value, &info));
        long[] shape;
        try
        {
            runtime.Check(api.GetTensorElementType(info, &elementType));
            runtime.Check(api.GetDimensionsCount(info, &rank));
            shape = new long[(int)rank];
            fixed (long* dims = shape)
                runtime.Check(api.GetDimensions(info, dims, rank));
        }
        finally
        {
            api.ReleaseTensorTypeAndShapeInfo(info);
        }

        var onnxType = (OnnxElementType)elementType;
        var dataType = onnxType.ToDataType() ?? throw new NotSupportedException(
            $"output '{name}' has element type {onnxType}, which the V2 protocol cannot carry");
        var count = InferenceTensor.CountElements(shape);
        if (dataType == TensorDataType.Bytes)
            return InferenceTensor.FromStrings(name, shape, ReadStrings(value, (int)count));

        var buffer = new byte[count * dataType.ElementSize()];
        if (buffer.Length > 0)
        {
            void* data;
            runtime.Check(api.GetTensorMutableData(value, &data));
            new ReadOnlySpan<byte>(data, buffer.Length).CopyTo(buffer);
        }

        return InferenceTensor.FromBuffer(name, dataType, shape, buffer);
    }

    private string[] ReadStrings(nint value, int count)
    {
        var strings = new string[count];
        if (count == 0) return strings;
        var api = runtime.Api;
        nuint length;
        runtime.Check(api.GetStringTensorDataLength(value, &length));
        var bytes = new byte[(int)length];
        var offsets = new nuint[count];
        fixed (byte* b = bytes)
        fixed (nuint* o = offsets)
            runtime.Check(api.GetStringTensorContent(value, b, length, o, (nuint)count));
        for (var i = 0; i < count; i++)
        {
            var start = (int)offsets[i];
            var end = i + 1 < count ? (int)offsets[i + 1] : bytes.Length;
            strings[i] = Encoding.UTF8.GetString(bytes, start, end - start);
        }

        return strings;
    }

    private InferenceTensor ReadSequenceOfMaps(string name, nint sequence)
    {
        var api = runtime.Api;
        nuint rows;
        runtime.Check(api.GetValueCount(sequence, &rows));
        InferenceTensor? keys = null;
        var values = new List<InferenceTensor>((int)rows);
        for (var row = 0; row < (int)rows; row++)
        {
            nint map = 0;
            try
            {
                runtime.Check(api.GetValue(sequence, row, runtime.Allocator, &map));
                int kind;
                runtime.Check(api.GetValueType(map, &kind));
                if ((OnnxValueKind)kind != OnnxValueKind.Map)
                    throw new NotSupportedException(
                        $"output '{name}' is a sequence of {(OnnxValueKind)kind} values; only sequences of maps can be served");
                var rowKeys = ReadMapPart(name, map, 0);
                var rowValues = ReadMapPart(name, map, 1);
                keys ??= rowKeys;
                if (rowKeys.ElementCount != keys.ElementCount || rowValues.DataType != (values.FirstOrDefault() ?? rowValues).DataType)
                    throw new NotSupportedException($"output '{name}': the maps of the sequence differ in their keys or value types");
                values.Add(rowValues);
            }
            finally
            {
                if (map != 0) api.ReleaseValue(map);
            }
        }

        var width = keys?.ElementCount ?? 0;
        var dataType = values.Count > 0 ? values[0].DataType : TensorDataType.Fp32;
        var rowBytes = (int)width * dataType.ElementSize();
        var buffer = new byte[values.Count * rowBytes];
        for (var row = 0; row < values.Count; row++)
            values[row].Buffer.AsSpan().CopyTo(buffer.AsSpan(row * rowBytes));
        var parameters = new Dictionary<string, JsonElement> { ["keys"] = KeysAsJson(keys) };
        return InferenceTensor.FromBuffer(name, dataType, [values.Count, width], buffer, parameters);
    }

    /// <summary>A map value's keys (index 0) or values (index 1) as a tensor.</summary>
    private InferenceTensor ReadMapPart(string name, nint map, int index)
    {
        nint part = 0;
        try
        {
            runtime.Check(runtime.Api.GetValue(map, index, runtime.Allocator, &part));
            return ReadTensor(name, part);
        }
        finally
        {
            if (part != 0) runtime.Api.ReleaseValue(part);
        }
    }

    private static JsonElement KeysAsJson(InferenceTensor? keys)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            if (keys?.DataType == TensorDataType.Bytes)
                foreach (var key in keys.Strings!) writer.WriteStringValue(key);
            else if (keys?.DataType == TensorDataType.Int64)
                foreach (var key in keys.AsSpan<long>()) writer.WriteNumberValue(key);
            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }
}
