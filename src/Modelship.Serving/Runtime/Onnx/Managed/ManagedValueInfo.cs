using Ort = Microsoft.ML.OnnxRuntime;

namespace Modelship.Serving.Runtime.Onnx.Managed;

/// <summary>The package's <c>NodeMetadata</c> as an <see cref="OnnxValueInfo"/>, as <see cref="OnnxTypeInfoReader"/> reads it.</summary>
internal static class ManagedValueInfo
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
        var element = metadata.AsSequenceMetadata().ElementMeta;
        if ((OnnxValueKind)element.OnnxValueType != OnnxValueKind.Map)
            return new OnnxValueInfo(name, OnnxValueKind.Sequence, OnnxElementType.Undefined, [], []);
        var map = element.AsMapMetadata();
        if ((OnnxValueKind)map.ValueMetadata.OnnxValueType != OnnxValueKind.Tensor)
            return new OnnxValueInfo(name, OnnxValueKind.Sequence, OnnxElementType.Undefined, [], []);
        return new OnnxValueInfo(
            name, OnnxValueKind.Sequence, (OnnxElementType)map.ValueMetadata.ElementDataType, [-1, -1], ["", ""],
            (OnnxElementType)map.KeyDataType);
    }
}
