namespace Modelship.Serving.Protocol;

/// <summary>The tensor element types of the Open Inference Protocol V2 (its "datatype" strings).</summary>
public enum TensorDataType
{
    Bool,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Int8,
    Int16,
    Int32,
    Int64,
    Fp16,
    Fp32,
    Fp64,
    Bytes,
}

/// <summary>V2 names and storage sizes of <see cref="TensorDataType"/>.</summary>
public static class TensorDataTypes
{
    public static string ToV2Name(this TensorDataType type) => type switch
    {
        TensorDataType.Bool => "BOOL",
        TensorDataType.UInt8 => "UINT8",
        TensorDataType.UInt16 => "UINT16",
        TensorDataType.UInt32 => "UINT32",
        TensorDataType.UInt64 => "UINT64",
        TensorDataType.Int8 => "INT8",
        TensorDataType.Int16 => "INT16",
        TensorDataType.Int32 => "INT32",
        TensorDataType.Int64 => "INT64",
        TensorDataType.Fp16 => "FP16",
        TensorDataType.Fp32 => "FP32",
        TensorDataType.Fp64 => "FP64",
        TensorDataType.Bytes => "BYTES",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParseV2Name(ReadOnlySpan<char> name, out TensorDataType type)
    {
        switch (name)
        {
            case "BOOL": type = TensorDataType.Bool; return true;
            case "UINT8": type = TensorDataType.UInt8; return true;
            case "UINT16": type = TensorDataType.UInt16; return true;
            case "UINT32": type = TensorDataType.UInt32; return true;
            case "UINT64": type = TensorDataType.UInt64; return true;
            case "INT8": type = TensorDataType.Int8; return true;
            case "INT16": type = TensorDataType.Int16; return true;
            case "INT32": type = TensorDataType.Int32; return true;
            case "INT64": type = TensorDataType.Int64; return true;
            case "FP16": type = TensorDataType.Fp16; return true;
            case "FP32": type = TensorDataType.Fp32; return true;
            case "FP64": type = TensorDataType.Fp64; return true;
            case "BYTES": type = TensorDataType.Bytes; return true;
            default: type = default; return false;
        }
    }

    /// <summary>Bytes per element in the fixed-width buffer; 0 for <see cref="TensorDataType.Bytes"/> (strings).</summary>
    public static int ElementSize(this TensorDataType type) => type switch
    {
        TensorDataType.Bool or TensorDataType.UInt8 or TensorDataType.Int8 => 1,
        TensorDataType.UInt16 or TensorDataType.Int16 or TensorDataType.Fp16 => 2,
        TensorDataType.UInt32 or TensorDataType.Int32 or TensorDataType.Fp32 => 4,
        TensorDataType.UInt64 or TensorDataType.Int64 or TensorDataType.Fp64 => 8,
        TensorDataType.Bytes => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The data type stored as elements of <typeparamref name="T"/>.</summary>
    public static TensorDataType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(bool)) return TensorDataType.Bool;
        if (typeof(T) == typeof(byte)) return TensorDataType.UInt8;
        if (typeof(T) == typeof(ushort)) return TensorDataType.UInt16;
        if (typeof(T) == typeof(uint)) return TensorDataType.UInt32;
        if (typeof(T) == typeof(ulong)) return TensorDataType.UInt64;
        if (typeof(T) == typeof(sbyte)) return TensorDataType.Int8;
        if (typeof(T) == typeof(short)) return TensorDataType.Int16;
        if (typeof(T) == typeof(int)) return TensorDataType.Int32;
        if (typeof(T) == typeof(long)) return TensorDataType.Int64;
        if (typeof(T) == typeof(Half)) return TensorDataType.Fp16;
        if (typeof(T) == typeof(float)) return TensorDataType.Fp32;
        if (typeof(T) == typeof(double)) return TensorDataType.Fp64;
        throw new NotSupportedException($"{typeof(T)} is not a tensor element type");
    }
}
