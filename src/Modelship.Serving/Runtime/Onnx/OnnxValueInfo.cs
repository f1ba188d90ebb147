using Modelship.Serving.Protocol;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>The ONNX value kinds (<c>ONNXType</c> of onnxruntime_c_api.h).</summary>
public enum OnnxValueKind
{
    Unknown = 0,
    Tensor = 1,
    Sequence = 2,
    Map = 3,
    Opaque = 4,
    SparseTensor = 5,
    Optional = 6,
}

/// <summary>
/// One input or output of a model. For a tensor, <see cref="ElementType"/> and <see cref="Shape"/> (-1 for a
/// symbolic or unknown dimension, named in <see cref="SymbolicDimensions"/>). For a sequence of maps (what
/// ai.onnx.ml ZipMap produces for class probabilities), <see cref="MapKeyType"/> and <see cref="ElementType"/>
/// (the map's value type).
/// </summary>
public sealed record OnnxValueInfo(
    string Name,
    OnnxValueKind Kind,
    OnnxElementType ElementType,
    long[] Shape,
    string[] SymbolicDimensions,
    OnnxElementType? MapKeyType = null)
{
    public bool IsSequenceOfMaps => Kind == OnnxValueKind.Sequence && MapKeyType is not null;

    /// <summary>The V2 datatype this value is served as, or null when V2 cannot carry it.</summary>
    public TensorDataType? DataType => Kind == OnnxValueKind.Tensor || IsSequenceOfMaps ? ElementType.ToDataType() : null;

    /// <summary>How the value reads in messages, e.g. "tensor(float)[-1,3]" or "seq(map(int64,float))".</summary>
    public string Describe() => Kind switch
    {
        OnnxValueKind.Tensor => $"tensor({ElementType})[{string.Join(',', Shape)}]",
        OnnxValueKind.Sequence when MapKeyType is not null => $"seq(map({MapKeyType},{ElementType}))",
        _ => Kind.ToString(),
    };
}
