using System.Runtime.InteropServices;
using System.Text;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// A loaded ONNX model. <see cref="Run"/> may be called from many threads at once (ONNX Runtime sessions support
/// concurrent runs); <see cref="Dispose"/> waits for runs in flight through the session's SafeHandle.
/// </summary>
public sealed unsafe class OnnxSession : IOnnxSession
{
    private const int ExecutionModeParallel = 1;

    private readonly OnnxRuntimeEnvironment _runtime;
    private readonly OrtSessionHandle _handle;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;

    private OnnxSession(
        OnnxRuntimeEnvironment runtime, OrtSessionHandle handle, OnnxValueInfo[] inputs, OnnxValueInfo[] outputs)
    {
        _runtime = runtime;
        _handle = handle;
        Inputs = inputs;
        Outputs = outputs;
        _inputIndex = IndexByName(inputs);
        _outputIndex = IndexByName(outputs);
    }

    public string RuntimeVersion => _runtime.Version;

    public IReadOnlyList<OnnxValueInfo> Inputs { get; }

    public IReadOnlyList<OnnxValueInfo> Outputs { get; }

    public static OnnxSession Load(string modelPath, OnnxSessionOptions? options = null) =>
        Load(OnnxRuntimeEnvironment.Shared, modelPath, options ?? new OnnxSessionOptions());

    public static OnnxSession Load(OnnxRuntimeEnvironment runtime, string modelPath, OnnxSessionOptions options)
    {
        var api = runtime.Api;
        nint sessionOptions = 0, session = 0;
        try
        {
            runtime.Check(api.CreateSessionOptions(&sessionOptions));
            runtime.Check(api.SetIntraOpNumThreads(sessionOptions, options.IntraOpThreads));
            runtime.Check(api.SetInterOpNumThreads(sessionOptions, options.InterOpThreads));
            // Inter-op threads only run operators side by side in parallel execution mode.
            if (options.InterOpThreads > 1) runtime.Check(api.SetSessionExecutionMode(sessionOptions, ExecutionModeParallel));
            runtime.Check(api.SetSessionGraphOptimizationLevel(sessionOptions, (int)options.GraphOptimizationLevel));
            var path = Encoding.UTF8.GetBytes(Path.GetFullPath(modelPath) + '\0');
            fixed (byte* p = path)
                runtime.Check(api.CreateSession(runtime.Env, p, sessionOptions, &session));
        }
        finally
        {
            if (sessionOptions != 0) api.ReleaseSessionOptions(sessionOptions);
        }

        var handle = new OrtSessionHandle(runtime, session);
        try
        {
            var reader = new OnnxTypeInfoReader(runtime);
            nuint inputCount, outputCount;
            runtime.Check(api.SessionGetInputCount(session, &inputCount));
            runtime.Check(api.SessionGetOutputCount(session, &outputCount));
            var inputs = new OnnxValueInfo[(int)inputCount];
            var outputs = new OnnxValueInfo[(int)outputCount];
            for (var i = 0; i < inputs.Length; i++)
            {
                byte* name;
                nint typeInfo;
                runtime.Check(api.SessionGetInputName(session, (nuint)i, runtime.Allocator, &name));
                var text = runtime.TakeAllocatedString(name);
                runtime.Check(api.SessionGetInputTypeInfo(session, (nuint)i, &typeInfo));
                inputs[i] = reader.Read(text, typeInfo);
            }

            for (var i = 0; i < outputs.Length; i++)
            {
                byte* name;
                nint typeInfo;
                runtime.Check(api.SessionGetOutputName(session, (nuint)i, runtime.Allocator, &name));
                var text = runtime.TakeAllocatedString(name);
                runtime.Check(api.SessionGetOutputTypeInfo(session, (nuint)i, &typeInfo));
                outputs[i] = reader.Read(text, typeInfo);
            }

            handle.InputNames = inputs.Select(v => Marshal.StringToCoTaskMemUTF8(v.Name)).ToArray();
            handle.OutputNames = outputs.Select(v => Marshal.StringToCoTaskMemUTF8(v.Name)).ToArray();
            return new OnnxSession(runtime, handle, inputs, outputs);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> (named like the model's inputs) and returns the outputs named in
    /// <paramref name="outputNames"/>, or all outputs when it is null, in that order.
    /// </summary>
    public IReadOnlyList<InferenceTensor> Run(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        var outputIndices = outputNames is null
            ? Enumerable.Range(0, Outputs.Count).ToArray()
            : outputNames.Select(n => _outputIndex.TryGetValue(n, out var i)
                ? i
                : throw new ArgumentException($"the model has no output '{n}'", nameof(outputNames))).ToArray();

        var added = false;
        _handle.DangerousAddRef(ref added);
        var inputValues = new OrtInputValues(_runtime, inputs.Count);
        var outputValues = new nint[outputIndices.Length];
        try
        {
            var inputNames = new nint[inputs.Count];
            for (var i = 0; i < inputs.Count; i++)
            {
                if (!_inputIndex.TryGetValue(inputs[i].Name, out var index))
                    throw new ArgumentException($"the model has no input '{inputs[i].Name}'", nameof(inputs));
                inputNames[i] = _handle.InputNames[index];
                inputValues.Add(inputs[i]);
            }

            var outputNamePointers = outputIndices.Select(i => _handle.OutputNames[i]).ToArray();
            fixed (nint* inNames = inputNames)
            fixed (nint* inValues = inputValues.Values)
            fixed (nint* outNames = outputNamePointers)
            fixed (nint* outValues = outputValues)
            {
                _runtime.Check(_runtime.Api.Run(
                    _handle.DangerousGetHandle(), 0, inNames, inValues, (nuint)inputs.Count,
                    outNames, (nuint)outputValues.Length, outValues));
            }

            var reader = new OrtValueReader(_runtime);
            var results = new InferenceTensor[outputValues.Length];
            for (var i = 0; i < results.Length; i++)
                results[i] = reader.Read(Outputs[outputIndices[i]].Name, outputValues[i]);
            return results;
        }
        finally
        {
            foreach (var value in outputValues)
                if (value != 0) _runtime.Api.ReleaseValue(value);
            inputValues.Dispose();
            if (added) _handle.DangerousRelease();
        }
    }

    public void Dispose() => _handle.Dispose();

    private static Dictionary<string, int> IndexByName(OnnxValueInfo[] values)
    {
        var index = new Dictionary<string, int>(values.Length, StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++) index[values[i].Name] = i;
        return index;
    }
}
