using Ort = Microsoft.ML.OnnxRuntime;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>The package's <c>NodeMetadata</c> of a model input or output as an <see cref="OnnxValueInfo"/>.</summary>
internal static class OnnxValueInfoReader
{
    public static OnnxValueInfo Read(string name, Ort.NodeMetadata metadata) => (OnnxValueKind)metadata.OnnxValueType switch
    {
        OnnxValueKind.Tensor => new OnnxValueInfo(
            name, OnnxValueKind.Tensor, (OnnxElementType)metadata.ElementDataType,
            metadata.Dimensions.Select(d => d < 0 ? -1L : d).ToArray(),
            metadata.SymbolicDimensions.Select(s => s ?? string.Empty).ToArray()),
        OnnxValueKind.Sequence => ReadSequence(name, metadata),
        var other => new OnnxValueInfo(name, other, OnnxElementType.Undefined, [], []),
    };

    /// <summary>Sequences of maps of tensors (ZipMap's output) are described; other sequences only by their kind.</summary>
    private static OnnxValueInfo ReadSequence(string name, Ort.NodeMetadata metadata)
    {
        var unsupported = new OnnxValueInfo(name, OnnxValueKind.Sequence, OnnxElementType.Undefined, [], []);
        var element = metadata.AsSequenceMetadata().ElementMeta;
        if ((OnnxValueKind)element.OnnxValueType != OnnxValueKind.Map) return unsupported;
        var map = element.AsMapMetadata();
        if ((OnnxValueKind)map.ValueMetadata.OnnxValueType != OnnxValueKind.Tensor) return unsupported;
        return new OnnxValueInfo(
            name, OnnxValueKind.Sequence, (OnnxElementType)map.ValueMetadata.ElementDataType, [-1, -1], ["", ""],
            (OnnxElementType)map.KeyDataType);
    }
}
