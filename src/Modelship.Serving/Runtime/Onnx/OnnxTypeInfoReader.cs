using System.Runtime.InteropServices;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>Turns an <c>OrtTypeInfo</c> into an <see cref="OnnxValueInfo"/>, releasing the type info.</summary>
internal readonly unsafe struct OnnxTypeInfoReader(OnnxRuntimeEnvironment runtime)
{
    public OnnxValueInfo Read(string name, nint typeInfo)
    {
        try
        {
            var api = runtime.Api;
            int kind;
            runtime.Check(api.GetOnnxTypeFromTypeInfo(typeInfo, &kind));
            return (OnnxValueKind)kind switch
            {
                OnnxValueKind.Tensor => ReadTensor(name, typeInfo),
                OnnxValueKind.Sequence => ReadSequence(name, typeInfo),
                var other => new OnnxValueInfo(name, other, OnnxElementType.Undefined, [], []),
            };
        }
        finally
        {
            runtime.Api.ReleaseTypeInfo(typeInfo);
        }
    }

    private OnnxValueInfo ReadTensor(string name, nint typeInfo)
    {
        var api = runtime.Api;
        nint tensorInfo; // borrowed from typeInfo: not released here
        runtime.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo));
        int elementType;
        nuint rank;
        runtime.Check(api.GetTensorElementType(tensorInfo, &elementType));
        runtime.Check(api.GetDimensionsCount(tensorInfo, &rank));
        var shape = new long[(int)rank];
        var symbolic = new string[(int)rank];
        var symbolicPointers = new nint[(int)rank];
        fixed (long* dims = shape)
            runtime.Check(api.GetDimensions(tensorInfo, dims, rank));
        fixed (nint* names = symbolicPointers)
            runtime.Check(api.GetSymbolicDimensions(tensorInfo, (byte**)names, rank));
        for (var i = 0; i < shape.Length; i++)
        {
            symbolic[i] = symbolicPointers[i] == 0 ? string.Empty : Marshal.PtrToStringUTF8(symbolicPointers[i]) ?? string.Empty;
            if (shape[i] < 0) shape[i] = -1;
        }

        return new OnnxValueInfo(name, OnnxValueKind.Tensor, (OnnxElementType)elementType, shape, symbolic);
    }

    /// <summary>Sequences of maps (ZipMap's output) are described; other sequences only by their kind.</summary>
    private OnnxValueInfo ReadSequence(string name, nint typeInfo)
    {
        var api = runtime.Api;
        var unsupported = new OnnxValueInfo(name, OnnxValueKind.Sequence, OnnxElementType.Undefined, [], []);
        nint sequenceInfo, elementInfo;
        runtime.Check(api.CastTypeInfoToSequenceTypeInfo(typeInfo, &sequenceInfo));
        if (sequenceInfo == 0) return unsupported;
        runtime.Check(api.GetSequenceElementType(sequenceInfo, &elementInfo));
        try
        {
            nint mapInfo, valueInfo;
            runtime.Check(api.CastTypeInfoToMapTypeInfo(elementInfo, &mapInfo));
            if (mapInfo == 0) return unsupported;
            int keyType;
            runtime.Check(api.GetMapKeyType(mapInfo, &keyType));
            runtime.Check(api.GetMapValueType(mapInfo, &valueInfo));
            var value = Read("value", valueInfo);
            if (value.Kind != OnnxValueKind.Tensor) return unsupported;
            return new OnnxValueInfo(
                name, OnnxValueKind.Sequence, value.ElementType, [-1, -1], ["", ""], (OnnxElementType)keyType);
        }
        finally
        {
            api.ReleaseTypeInfo(elementInfo);
        }
    }
}
