using Modelship.Serving.Protocol;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary><c>ONNXTensorElementDataType</c> of onnxruntime_c_api.h (the values of onnx TensorProto.DataType).</summary>
public enum OnnxElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
}

/// <summary>Maps ONNX element types to V2 datatypes and back; ONNX types V2 cannot carry map to null.</summary>
public static class OnnxElementTypes
{
    public static TensorDataType? ToDataType(this OnnxElementType type) => type switch
    {
        OnnxElementType.Float => TensorDataType.Fp32,
        OnnxElementType.UInt8 => TensorDataType.UInt8,
        OnnxElementType.Int8 => TensorDataType.Int8,
        OnnxElementType.UInt16 => TensorDataType.UInt16,
        OnnxElementType.Int16 => TensorDataType.Int16,
        OnnxElementType.Int32 => TensorDataType.Int32,
        OnnxElementType.Int64 => TensorDataType.Int64,
        OnnxElementType.String => TensorDataType.Bytes,
        OnnxElementType.Bool => TensorDataType.Bool,
        OnnxElementType.Float16 => TensorDataType.Fp16,
        OnnxElementType.Double => TensorDataType.Fp64,
        OnnxElementType.UInt32 => TensorDataType.UInt32,
        OnnxElementType.UInt64 => TensorDataType.UInt64,
        _ => null,
    };

    public static OnnxElementType ToOnnx(this TensorDataType type) => type switch
    {
        TensorDataType.Fp32 => OnnxElementType.Float,
        TensorDataType.UInt8 => OnnxElementType.UInt8,
        TensorDataType.Int8 => OnnxElementType.Int8,
        TensorDataType.UInt16 => OnnxElementType.UInt16,
        TensorDataType.Int16 => OnnxElementType.Int16,
        TensorDataType.Int32 => OnnxElementType.Int32,
        TensorDataType.Int64 => OnnxElementType.Int64,
        TensorDataType.Bytes => OnnxElementType.String,
        TensorDataType.Bool => OnnxElementType.Bool,
        TensorDataType.Fp16 => OnnxElementType.Float16,
        TensorDataType.Fp64 => OnnxElementType.Double,
        TensorDataType.UInt32 => OnnxElementType.UInt32,
        TensorDataType.UInt64 => OnnxElementType.UInt64,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
