using System.Text.Json;

namespace Modelship.Serving.Protocol;

/// <summary>A V2 inference request: <c>{id?, parameters?, inputs, outputs?}</c>.</summary>
public sealed record InferenceRequest(
    IReadOnlyList<InferenceTensor> Inputs,
    IReadOnlyList<RequestedOutput>? Outputs = null,
    string? Id = null,
    IReadOnlyDictionary<string, JsonElement>? Parameters = null);

/// <summary>An output the caller asks for by name; without any, a request gets every output of the model.</summary>
public sealed record RequestedOutput(string Name, IReadOnlyDictionary<string, JsonElement>? Parameters = null);
