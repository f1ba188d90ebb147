using System.Text.Json;

namespace Modelship.Serving.Protocol;

/// <summary>A V2 inference response: <c>{model_name, model_version?, id?, parameters?, outputs}</c>.</summary>
public sealed record InferenceResponse(
    string ModelName,
    IReadOnlyList<InferenceTensor> Outputs,
    string? ModelVersion = null,
    string? Id = null,
    IReadOnlyDictionary<string, JsonElement>? Parameters = null);
