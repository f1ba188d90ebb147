using Modelship.Serving.Protocol;
using Modelship.Serving.Runtime.Onnx;

namespace Modelship.Serving.Runtime;

/// <summary>A loaded model with its V2 name, version and metadata; <see cref="Infer"/> is safe to call concurrently.</summary>
public sealed class ServedModel : IDisposable
{
    public const string Platform = "onnxruntime_onnx";

    private ServedModel(string name, string version, string path, OnnxSession session)
    {
        Name = name;
        Version = version;
        Path = path;
        Session = session;
        Metadata = new ModelMetadataResponse(
            name, [version], Platform, session.Inputs.Select(Describe).ToList(), session.Outputs.Select(Describe).ToList());
    }

    public string Name { get; }

    public string Version { get; }

    /// <summary>The .onnx file the model came from.</summary>
    public string Path { get; }

    public OnnxSession Session { get; }

    public ModelMetadataResponse Metadata { get; }

    /// <summary>
    /// Loads the model; throws <see cref="UnservableModelException"/> when the V2 protocol cannot carry one of its
    /// inputs or outputs (better refused at start than answered 500 at every request).
    /// </summary>
    public static ServedModel Load(string modelPath, string? name, string version, OnnxSessionOptions options)
    {
        var file = ModelFileLocator.Resolve(modelPath);
        var session = OnnxSession.Load(OnnxRuntimeEnvironment.Shared, file, options);
        var problems = V2Carriage.Problems(session.Inputs, session.Outputs);
        if (problems.Count > 0)
        {
            session.Dispose();
            throw new UnservableModelException($"{file} cannot be served over the V2 protocol: {string.Join("; ", problems)}");
        }

        return new ServedModel(name ?? System.IO.Path.GetFileNameWithoutExtension(file), version, file, session);
    }

    /// <summary>
    /// Validates and runs <paramref name="request"/>. Throws <see cref="InferenceProtocolException"/> for requests
    /// the caller got wrong (including inputs ONNX Runtime rejects as invalid arguments).
    /// </summary>
    public InferenceResponse Infer(InferenceRequest request)
    {
        InferenceRequestValidator.Validate(request, Session.Inputs, Session.Outputs);
        IReadOnlyList<InferenceTensor> outputs;
        try
        {
            outputs = Session.Run(request.Inputs, request.Outputs?.Select(o => o.Name).ToList());
        }
        catch (OnnxRuntimeException e) when (e.Code == OrtErrorCode.InvalidArgument)
        {
            throw new InferenceProtocolException($"the model rejected the inputs: {e.Message}", e);
        }

        return new InferenceResponse(Name, outputs, Version, request.Id);
    }

    public void Dispose() => Session.Dispose();

    private static TensorMetadata Describe(OnnxValueInfo value) =>
        new(value.Name, value.DataType!.Value.ToV2Name(), value.Shape); // Load refuses values V2 cannot carry.
}
