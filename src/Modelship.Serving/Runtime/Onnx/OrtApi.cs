namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// The functions we use from ONNX Runtime's <c>OrtApi</c> table. Each is read by its slot index: the position of
/// the member in <c>struct OrtApi</c> of <c>onnxruntime_c_api.h</c>. The table only grows at its end, so these
/// indices hold for every API version from the one we request on.
/// Handles are opaque pointers; every function that returns an <c>OrtStatus*</c> returns null on success.
/// </summary>
internal sealed unsafe class OrtApi
{
    public readonly delegate* unmanaged<nint, int> GetErrorCode;
    public readonly delegate* unmanaged<nint, byte*> GetErrorMessage;
    public readonly delegate* unmanaged<int, byte*, nint*, nint> CreateEnv;
    public readonly delegate* unmanaged<nint, byte*, nint, nint*, nint> CreateSession;
    public readonly delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint> Run;
    public readonly delegate* unmanaged<nint*, nint> CreateSessionOptions;
    public readonly delegate* unmanaged<nint, int, nint> SetSessionExecutionMode;
    public readonly delegate* unmanaged<nint, int, nint> SetSessionGraphOptimizationLevel;
    public readonly delegate* unmanaged<nint, int, nint> SetIntraOpNumThreads;
    public readonly delegate* unmanaged<nint, int, nint> SetInterOpNumThreads;
    public readonly delegate* unmanaged<nint, nuint*, nint> SessionGetInputCount;
    public readonly delegate* unmanaged<nint, nuint*, nint> SessionGetOutputCount;
    public readonly delegate* unmanaged<nint, nuint, nint*, nint> SessionGetInputTypeInfo;
    public readonly delegate* unmanaged<nint, nuint, nint*, nint> SessionGetOutputTypeInfo;
    public readonly delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetInputName;
    public readonly delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetOutputName;
    public readonly delegate* unmanaged<nint, long*, nuint, int, nint*, nint> CreateTensorAsOrtValue;
    public readonly delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue;
    public readonly delegate* unmanaged<nint, void**, nint> GetTensorMutableData;
    public readonly delegate* unmanaged<nint, byte**, nuint, nint> FillStringTensor;
    public readonly delegate* unmanaged<nint, nuint*, nint> GetStringTensorDataLength;
    public readonly delegate* unmanaged<nint, void*, nuint, nuint*, nuint, nint> GetStringTensorContent;
    public readonly delegate* unmanaged<nint, nint*, nint> CastTypeInfoToTensorInfo;
    public readonly delegate* unmanaged<nint, int*, nint> GetOnnxTypeFromTypeInfo;
    public readonly delegate* unmanaged<nint, int*, nint> GetTensorElementType;
    public readonly delegate* unmanaged<nint, nuint*, nint> GetDimensionsCount;
    public readonly delegate* unmanaged<nint, long*, nuint, nint> GetDimensions;
    public readonly delegate* unmanaged<nint, byte**, nuint, nint> GetSymbolicDimensions;
    public readonly delegate* unmanaged<nint, nint*, nint> GetTensorTypeAndShape;
    public readonly delegate* unmanaged<nint, int*, nint> GetValueType;
    public readonly delegate* unmanaged<int, int, nint*, nint> CreateCpuMemoryInfo;
    public readonly delegate* unmanaged<nint, void*, nint> AllocatorFree;
    public readonly delegate* unmanaged<nint*, nint> GetAllocatorWithDefaultOptions;
    public readonly delegate* unmanaged<nint, int, nint, nint*, nint> GetValue;
    public readonly delegate* unmanaged<nint, nuint*, nint> GetValueCount;
    public readonly delegate* unmanaged<nint, void> ReleaseStatus;
    public readonly delegate* unmanaged<nint, void> ReleaseSession;
    public readonly delegate* unmanaged<nint, void> ReleaseValue;
    public readonly delegate* unmanaged<nint, void> ReleaseTypeInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseTensorTypeAndShapeInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseSessionOptions;
    public readonly delegate* unmanaged<nint, nint*, nint> CastTypeInfoToMapTypeInfo;
    public readonly delegate* unmanaged<nint, nint*, nint> CastTypeInfoToSequenceTypeInfo;
    public readonly delegate* unmanaged<nint, int*, nint> GetMapKeyType;
    public readonly delegate* unmanaged<nint, nint*, nint> GetMapValueType;
    public readonly delegate* unmanaged<nint, nint*, nint> GetSequenceElementType;

    public OrtApi(nint table)
    {
        var slot = (nint*)table;
        GetErrorCode = (delegate* unmanaged<nint, int>)slot[1];
        GetErrorMessage = (delegate* unmanaged<nint, byte*>)slot[2];
        CreateEnv = (delegate* unmanaged<int, byte*, nint*, nint>)slot[3];
        CreateSession = (delegate* unmanaged<nint, byte*, nint, nint*, nint>)slot[7];
        Run = (delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)slot[9];
        CreateSessionOptions = (delegate* unmanaged<nint*, nint>)slot[10];
        SetSessionExecutionMode = (delegate* unmanaged<nint, int, nint>)slot[13];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<nint, int, nint>)slot[23];
        SetIntraOpNumThreads = (delegate* unmanaged<nint, int, nint>)slot[24];
        SetInterOpNumThreads = (delegate* unmanaged<nint, int, nint>)slot[25];
        SessionGetInputCount = (delegate* unmanaged<nint, nuint*, nint>)slot[30];
        SessionGetOutputCount = (delegate* unmanaged<nint, nuint*, nint>)slot[31];
        SessionGetInputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)slot[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)slot[34];
        SessionGetInputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)slot[36];
        SessionGetOutputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)slot[37];
        CreateTensorAsOrtValue = (delegate* unmanaged<nint, long*, nuint, int, nint*, nint>)slot[48];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)slot[49];
        GetTensorMutableData = (delegate* unmanaged<nint, void**, nint>)slot[51];
        FillStringTensor = (delegate* unmanaged<nint, byte**, nuint, nint>)slot[52];
        GetStringTensorDataLength = (delegate* unmanaged<nint, nuint*, nint>)slot[53];
        GetStringTensorContent = (delegate* unmanaged<nint, void*, nuint, nuint*, nuint, nint>)slot[54];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<nint, nint*, nint>)slot[55];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged<nint, int*, nint>)slot[56];
        GetTensorElementType = (delegate* unmanaged<nint, int*, nint>)slot[60];
        GetDimensionsCount = (delegate* unmanaged<nint, nuint*, nint>)slot[61];
        GetDimensions = (delegate* unmanaged<nint, long*, nuint, nint>)slot[62];
        GetSymbolicDimensions = (delegate* unmanaged<nint, byte**, nuint, nint>)slot[63];
        GetTensorTypeAndShape = (delegate* unmanaged<nint, nint*, nint>)slot[65];
        GetValueType = (delegate* unmanaged<nint, int*, nint>)slot[67];
        CreateCpuMemoryInfo = (delegate* unmanaged<int, int, nint*, nint>)slot[69];
        AllocatorFree = (delegate* unmanaged<nint, void*, nint>)slot[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<nint*, nint>)slot[78];
        GetValue = (delegate* unmanaged<nint, int, nint, nint*, nint>)slot[80];
        GetValueCount = (delegate* unmanaged<nint, nuint*, nint>)slot[81];
        ReleaseStatus = (delegate* unmanaged<nint, void>)slot[93];
        ReleaseSession = (delegate* unmanaged<nint, void>)slot[95];
        ReleaseValue = (delegate* unmanaged<nint, void>)slot[96];
        ReleaseTypeInfo = (delegate* unmanaged<nint, void>)slot[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<nint, void>)slot[99];
        ReleaseSessionOptions = (delegate* unmanaged<nint, void>)slot[100];
        CastTypeInfoToMapTypeInfo = (delegate* unmanaged<nint, nint*, nint>)slot[103];
        CastTypeInfoToSequenceTypeInfo = (delegate* unmanaged<nint, nint*, nint>)slot[104];
        GetMapKeyType = (delegate* unmanaged<nint, int*, nint>)slot[105];
        GetMapValueType = (delegate* unmanaged<nint, nint*, nint>)slot[106];
        GetSequenceElementType = (delegate* unmanaged<nint, nint*, nint>)slot[107];
    }
}
