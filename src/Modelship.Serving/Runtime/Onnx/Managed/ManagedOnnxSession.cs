using System.Runtime.InteropServices;
using Modelship.Serving.Protocol;
using Ort = Microsoft.ML.OnnxRuntime;

namespace Modelship.Serving.Runtime.Onnx.Managed;

/// <summary>
/// A loaded ONNX model run through the package's managed API (InferenceSession, OrtValue, RunOptions): the experiment
/// of issue 11 section 2, selected with MODELSHIP_ONNX_API=managed. Fixed-width inputs are used in place (pinned
/// until their OrtValue is released), as by our binding.
/// </summary>
public sealed class ManagedOnnxSession : IOnnxSession
{
    private readonly Ort.InferenceSession _session;
    private readonly Ort.RunOptions _runOptions = new();
    private readonly HashSet<string> _inputNames;
    private readonly HashSet<string> _outputNames;
    private readonly string[] _allOutputs;
    private readonly bool _ioBinding;

    private ManagedOnnxSession(Ort.InferenceSession session, string version, bool ioBinding)
    {
        _session = session;
        _ioBinding = ioBinding;
        RuntimeVersion = version;
        Inputs = session.InputNames.Select(n => ManagedValueInfo.Read(n, session.InputMetadata[n])).ToArray();
        Outputs = session.OutputNames.Select(n => ManagedValueInfo.Read(n, session.OutputMetadata[n])).ToArray();
        _inputNames = new HashSet<string>(session.InputNames, StringComparer.Ordinal);
        _outputNames = new HashSet<string>(session.OutputNames, StringComparer.Ordinal);
        _allOutputs = session.OutputNames.ToArray();
    }

    public string RuntimeVersion { get; }

    public IReadOnlyList<OnnxValueInfo> Inputs { get; }

    public IReadOnlyList<OnnxValueInfo> Outputs { get; }

    /// <param name="ioBinding">Run through an OrtIoBinding per call (RunWithBoundResults) instead of Run.</param>
    public static ManagedOnnxSession Load(string modelPath, OnnxSessionOptions options, bool ioBinding = false)
    {
        var env = ManagedOnnxEnvironment.Shared;
        using var sessionOptions = new Ort.SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = options.InterOpThreads,
            GraphOptimizationLevel = (Ort.GraphOptimizationLevel)(int)options.GraphOptimizationLevel,
        };
        // Inter-op threads only run operators side by side in parallel execution mode.
        if (options.InterOpThreads > 1) sessionOptions.ExecutionMode = Ort.ExecutionMode.ORT_PARALLEL;
        var session = ManagedOnnxErrors.Translate(() => new Ort.InferenceSession(Path.GetFullPath(modelPath), sessionOptions));
        return new ManagedOnnxSession(session, env.GetVersionString(), ioBinding);
    }

    public IReadOnlyList<InferenceTensor> Run(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        var outputs = outputNames?.ToArray() ?? _allOutputs;
        foreach (var name in outputs)
            if (!_outputNames.Contains(name))
                throw new ArgumentException($"the model has no output '{name}'", nameof(outputNames));

        var names = new string[inputs.Count];
        var values = new List<Ort.OrtValue>(inputs.Count);
        var pins = new List<GCHandle>(inputs.Count);
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                if (!_inputNames.Contains(inputs[i].Name))
                    throw new ArgumentException($"the model has no input '{inputs[i].Name}'", nameof(inputs));
                names[i] = inputs[i].Name;
                values.Add(ToOrtValue(inputs[i], pins));
            }

            using var results = _ioBinding ? RunWithBinding(names, values, outputs) : RunPlain(names, values, outputs);
            var tensors = new InferenceTensor[outputs.Length];
            var index = 0;
            foreach (var result in results)
            {
                tensors[index] = ManagedValueReader.Read(outputs[index], result);
                index++;
            }

            return tensors;
        }
        finally
        {
            foreach (var value in values) value.Dispose();
            foreach (var pin in pins) pin.Free();
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private Ort.IDisposableReadOnlyCollection<Ort.OrtValue> RunPlain(string[] names, List<Ort.OrtValue> values, string[] outputs)
    {
        try
        {
            return _session.Run(_runOptions, names, values, outputs);
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw ManagedOnnxErrors.ToOurs(e);
        }
    }

    private Ort.IDisposableReadOnlyCollection<Ort.OrtValue> RunWithBinding(string[] names, List<Ort.OrtValue> values, string[] outputs)
    {
        try
        {
            using var binding = _session.CreateIoBinding();
            for (var i = 0; i < names.Length; i++) binding.BindInput(names[i], values[i]);
            foreach (var output in outputs) binding.BindOutputToDevice(output, Ort.OrtMemoryInfo.DefaultInstance);
            return _session.RunWithBoundResults(_runOptions, binding);
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw ManagedOnnxErrors.ToOurs(e);
        }
    }

    private static Ort.OrtValue ToOrtValue(InferenceTensor tensor, List<GCHandle> pins)
    {
        try
        {
            if (tensor.DataType == TensorDataType.Bytes)
            {
                var value = Ort.OrtValue.CreateTensorWithEmptyStrings(Ort.OrtAllocator.DefaultInstance, tensor.Shape);
                var strings = tensor.Strings!;
                for (var i = 0; i < strings.Length; i++) value.StringTensorSetElementAt(strings[i].AsSpan(), i);
                return value;
            }

            var pin = GCHandle.Alloc(tensor.Buffer!, GCHandleType.Pinned);
            pins.Add(pin);
            return Ort.OrtValue.CreateTensorValueWithData(
                Ort.OrtMemoryInfo.DefaultInstance, (Ort.Tensors.TensorElementType)(int)tensor.DataType.ToOnnx(),
                tensor.Shape, pin.AddrOfPinnedObject(), tensor.Buffer!.Length);
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw ManagedOnnxErrors.ToOurs(e);
        }
    }
}
