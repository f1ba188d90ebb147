using System.Text.Json;
using Modelship.Serving.Protocol;
using Ort = Microsoft.ML.OnnxRuntime;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// Copies a Run output into an <see cref="InferenceTensor"/>. Tensors map one to one. A sequence of maps (ZipMap's
/// per-row class probabilities) becomes a [rows, classes] tensor of the map values, with the map keys, in the order
/// ONNX Runtime returns them, in the tensor's "keys" parameter. Other ONNX values cannot be served over V2.
/// </summary>
internal static class OrtValueReader
{
    public static InferenceTensor Read(string name, Ort.OrtValue value) => (OnnxValueKind)value.OnnxType switch
    {
        OnnxValueKind.Tensor => ReadTensor(name, value),
        OnnxValueKind.Sequence => ReadSequenceOfMaps(name, value),
        var other => throw new NotSupportedException(
            $"output '{name}' is an ONNX {other} value; only tensors and sequences of maps can be served"),
    };

    private static InferenceTensor ReadTensor(string name, Ort.OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var onnxType = (OnnxElementType)(int)info.ElementDataType;
        var dataType = onnxType.ToDataType() ?? throw new NotSupportedException(
            $"output '{name}' has element type {onnxType}, which the V2 protocol cannot carry");
        var shape = info.Shape;
        if (dataType == TensorDataType.Bytes)
            return InferenceTensor.FromStrings(name, shape, info.ElementCount == 0 ? [] : value.GetStringTensorAsArray());
        var buffer = new byte[InferenceTensor.CountElements(shape) * dataType.ElementSize()];
        if (buffer.Length > 0) value.GetTensorMutableRawData()[..buffer.Length].CopyTo(buffer);
        return InferenceTensor.FromBuffer(name, dataType, shape, buffer);
    }

    private static InferenceTensor ReadSequenceOfMaps(string name, Ort.OrtValue sequence)
    {
        var allocator = Ort.OrtAllocator.DefaultInstance;
        var rows = sequence.GetValueCount();
        InferenceTensor? keys = null;
        var values = new List<InferenceTensor>(rows);
        for (var row = 0; row < rows; row++)
        {
            using var map = sequence.GetValue(row, allocator);
            if ((OnnxValueKind)map.OnnxType != OnnxValueKind.Map)
                throw new NotSupportedException(
                    $"output '{name}' is a sequence of {(OnnxValueKind)map.OnnxType} values; only sequences of maps can be served");
            using var mapKeys = map.GetValue(0, allocator);
            using var mapValues = map.GetValue(1, allocator);
            var rowKeys = ReadTensor(name, mapKeys);
            var rowValues = ReadTensor(name, mapValues);
            keys ??= rowKeys;
            if (rowKeys.ElementCount != keys.ElementCount || rowValues.DataType != (values.FirstOrDefault() ?? rowValues).DataType)
                throw new NotSupportedException($"output '{name}': the maps of the sequence differ in their keys or value types");
            values.Add(rowValues);
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
