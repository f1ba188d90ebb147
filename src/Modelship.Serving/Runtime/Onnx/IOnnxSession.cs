using Modelship.Serving.Protocol;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// A loaded ONNX model that runs V2 tensors. <see cref="Run"/> may be called from many threads at once;
/// <see cref="IDisposable.Dispose"/> waits for runs in flight.
/// </summary>
public interface IOnnxSession : IDisposable
{
    /// <summary>The version of the ONNX Runtime library running the model, e.g. "1.32.0".</summary>
    string RuntimeVersion { get; }

    IReadOnlyList<OnnxValueInfo> Inputs { get; }

    IReadOnlyList<OnnxValueInfo> Outputs { get; }

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> (named like the model's inputs) and returns the outputs named in
    /// <paramref name="outputNames"/>, or all outputs when it is null, in that order. ONNX Runtime's errors are
    /// <see cref="OnnxRuntimeException"/>s.
    /// </summary>
    IReadOnlyList<InferenceTensor> Run(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string>? outputNames = null);
}
