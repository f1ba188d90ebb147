using Modelship.Serving.Runtime.Onnx.Managed;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// Loads a model with the ONNX Runtime API that MODELSHIP_ONNX_API names: "binding" (the default: our function-pointer
/// binding, <see cref="OnnxSession"/>), "managed" (the package's InferenceSession.Run) or "managed-iobinding" (the
/// package's IoBinding). The experiment of issue 11 section 2; one of them stays.
/// </summary>
public static class OnnxSessionLoader
{
    public const string ApiVariable = "MODELSHIP_ONNX_API";

    public static IOnnxSession Load(string modelPath, OnnxSessionOptions options) =>
        (Environment.GetEnvironmentVariable(ApiVariable) ?? "binding") switch
        {
            "binding" => OnnxSession.Load(OnnxRuntimeEnvironment.Shared, modelPath, options),
            "managed" => ManagedOnnxSession.Load(modelPath, options),
            "managed-iobinding" => ManagedOnnxSession.Load(modelPath, options, ioBinding: true),
            var other => throw new InvalidOperationException(
                $"{ApiVariable}={other}: expected binding, managed or managed-iobinding"),
        };
}
