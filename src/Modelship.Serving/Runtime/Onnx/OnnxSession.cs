using System.Runtime.InteropServices;
using Modelship.Serving.Protocol;
using Ort = Microsoft.ML.OnnxRuntime;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// A loaded ONNX model, run through the package's managed API (<c>InferenceSession.Run</c> with <c>OrtValue</c>s and
/// one shared <c>RunOptions</c>). <see cref="Run"/> may be called from many threads at once (ONNX Runtime sessions
/// support concurrent runs); <see cref="Dispose"/> waits for runs in flight, and a Run after it throws
/// <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class OnnxSession : IDisposable
{
    private readonly SessionLifetime _lifetime;
    private readonly Ort.InferenceSession _session;
    private readonly Ort.RunOptions _runOptions;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly HashSet<string> _inputNameSet;
    private readonly HashSet<string> _outputNameSet;

    private OnnxSession(Ort.InferenceSession session, Ort.RunOptions runOptions)
    {
        _session = session;
        _runOptions = runOptions;
        _lifetime = new SessionLifetime(session, runOptions);
        _inputNames = [.. session.InputNames];
        _outputNames = [.. session.OutputNames];
        _inputNameSet = new HashSet<string>(_inputNames, StringComparer.Ordinal);
        _outputNameSet = new HashSet<string>(_outputNames, StringComparer.Ordinal);
        Inputs = _inputNames.Select(n => OnnxValueInfoReader.Read(n, session.InputMetadata[n])).ToArray();
        Outputs = _outputNames.Select(n => OnnxValueInfoReader.Read(n, session.OutputMetadata[n])).ToArray();
    }

    public IReadOnlyList<OnnxValueInfo> Inputs { get; }

    public IReadOnlyList<OnnxValueInfo> Outputs { get; }

    /// <summary>Loads a model in the process's <see cref="OnnxRuntimeEnvironment.Shared"/> environment.</summary>
    public static OnnxSession Load(string modelPath, OnnxSessionOptions? options = null)
    {
        _ = OnnxRuntimeEnvironment.Shared; // loads our libonnxruntime.so and creates the OrtEnv before any other use
        options ??= new OnnxSessionOptions();
        Ort.InferenceSession session;
        try
        {
            using var sessionOptions = new Ort.SessionOptions
            {
                IntraOpNumThreads = options.IntraOpThreads,
                InterOpNumThreads = options.InterOpThreads,
                GraphOptimizationLevel = (Ort.GraphOptimizationLevel)(int)options.GraphOptimizationLevel,
            };
            // Inter-op threads only run operators side by side in parallel execution mode.
            if (options.InterOpThreads > 1) sessionOptions.ExecutionMode = Ort.ExecutionMode.ORT_PARALLEL;
            session = new Ort.InferenceSession(Path.GetFullPath(modelPath), sessionOptions);
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw OnnxRuntimeErrors.ToOurs(e);
        }

        try
        {
            return new OnnxSession(session, new Ort.RunOptions());
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> (named like the model's inputs) and returns the outputs named in
    /// <paramref name="outputNames"/>, or all outputs when it is null, in that order. ONNX Runtime's errors are
    /// <see cref="OnnxRuntimeException"/>s.
    /// </summary>
    public IReadOnlyList<InferenceTensor> Run(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        var outputs = outputNames ?? _outputNames;
        foreach (var name in outputs)
            if (!_outputNameSet.Contains(name))
                throw new ArgumentException($"the model has no output '{name}'", nameof(outputNames));
        var inputNames = InputNamesOf(inputs);

        var added = false;
        _lifetime.DangerousAddRef(ref added);
        var values = new Ort.OrtValue[inputs.Count];
        var pins = new GCHandle[inputs.Count];
        try
        {
            for (var i = 0; i < inputs.Count; i++) values[i] = ToOrtValue(inputs[i], ref pins[i]);
            using var results = _session.Run(_runOptions, inputNames, values, outputs);
            var tensors = new InferenceTensor[outputs.Count];
            var index = 0;
            foreach (var result in results)
            {
                tensors[index] = OrtValueReader.Read(outputs[index], result);
                index++;
            }

            return tensors;
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw OnnxRuntimeErrors.ToOurs(e);
        }
        finally
        {
            foreach (var value in values) value?.Dispose();
            foreach (var pin in pins)
                if (pin.IsAllocated) pin.Free();
            if (added) _lifetime.DangerousRelease();
        }
    }

    public void Dispose() => _lifetime.Dispose();

    /// <summary>The inputs' names: the model's own array when they come in the model's order (no allocation).</summary>
    private IReadOnlyList<string> InputNamesOf(IReadOnlyList<InferenceTensor> inputs)
    {
        var inModelOrder = inputs.Count == _inputNames.Length;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (!_inputNameSet.Contains(inputs[i].Name))
                throw new ArgumentException($"the model has no input '{inputs[i].Name}'", nameof(inputs));
            inModelOrder &= string.Equals(inputs[i].Name, _inputNames[i], StringComparison.Ordinal);
        }

        if (inModelOrder) return _inputNames;
        var names = new string[inputs.Count];
        for (var i = 0; i < inputs.Count; i++) names[i] = inputs[i].Name;
        return names;
    }

    /// <summary>
    /// Fixed-width tensors are used in place: their buffer stays pinned until the OrtValue is released. String tensors
    /// are copied into ONNX Runtime.
    /// </summary>
    private static Ort.OrtValue ToOrtValue(InferenceTensor tensor, ref GCHandle pin)
    {
        if (tensor.DataType == TensorDataType.Bytes)
        {
            var value = Ort.OrtValue.CreateTensorWithEmptyStrings(Ort.OrtAllocator.DefaultInstance, tensor.Shape);
            var strings = tensor.Strings!;
            for (var i = 0; i < strings.Length; i++) value.StringTensorSetElementAt(strings[i].AsSpan(), i);
            return value;
        }

        pin = GCHandle.Alloc(tensor.Buffer!, GCHandleType.Pinned);
        return Ort.OrtValue.CreateTensorValueWithData(
            Ort.OrtMemoryInfo.DefaultInstance, (Ort.Tensors.TensorElementType)(int)tensor.DataType.ToOnnx(),
            tensor.Shape, pin.AddrOfPinnedObject(), tensor.Buffer!.Length);
    }

    /// <summary>
    /// Owns the package's session and run options. A SafeHandle for its reference count only: the package's
    /// InferenceSession does not guard a Run against a concurrent or earlier Dispose, so every Run holds a reference,
    /// and the session is released when the last one is returned.
    /// </summary>
    private sealed class SessionLifetime : SafeHandle
    {
        private readonly Ort.InferenceSession _session;
        private readonly Ort.RunOptions _runOptions;

        public SessionLifetime(Ort.InferenceSession session, Ort.RunOptions runOptions) : base(0, ownsHandle: true)
        {
            _session = session;
            _runOptions = runOptions;
            SetHandle(1);
        }

        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            _session.Dispose();
            _runOptions.Dispose();
            return true;
        }
    }
}
