namespace Modelship.Serving.Runtime.Onnx;

/// <summary>The <c>OrtErrorCode</c> values of onnxruntime_c_api.h.</summary>
public enum OrtErrorCode
{
    Ok = 0,
    Fail = 1,
    InvalidArgument = 2,
    NoSuchFile = 3,
    NoModel = 4,
    EngineError = 5,
    RuntimeException = 6,
    InvalidProtobuf = 7,
    ModelLoaded = 8,
    NotImplemented = 9,
    InvalidGraph = 10,
    EpFail = 11,
}

/// <summary>An error ONNX Runtime reported through an <c>OrtStatus</c>.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(OrtErrorCode code, string message) : base(message)
    {
        Code = code;
    }

    public OrtErrorCode Code { get; }
}

/// <summary>libonnxruntime.so is not where we look for it, or cannot be loaded.</summary>
public sealed class OnnxRuntimeNotFoundException : Exception
{
    public OnnxRuntimeNotFoundException(string message) : base(message)
    {
    }

    public OnnxRuntimeNotFoundException(string message, Exception inner) : base(message, inner)
    {
    }
}
