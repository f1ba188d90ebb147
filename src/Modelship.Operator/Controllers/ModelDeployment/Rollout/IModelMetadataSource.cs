namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>Reads a served model's V2 metadata (<c>GET /v2/models/{name}</c>) from a runtime.</summary>
public interface IModelMetadataSource
{
    /// <param name="runtimeUrl">Base URL of the version's runtime Service.</param>
    /// <returns>The signature, or null when the runtime could not be asked or did not answer with metadata.</returns>
    Task<ModelSignature?> GetSignatureAsync(string runtimeUrl, string modelName, CancellationToken cancellationToken);
}

/// <summary>One input or output tensor of a model's signature.</summary>
public sealed record TensorSignature(string Name, string Datatype, IReadOnlyList<long> Shape);

/// <summary>The inputs and outputs a V2 model declares.</summary>
public sealed record ModelSignature(IReadOnlyList<TensorSignature> Inputs, IReadOnlyList<TensorSignature> Outputs);
