using System.Text.Json;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>Sends a V2 inference request (<c>POST /v2/models/{name}/infer</c>) to a runtime.</summary>
public interface IModelInferenceSource
{
    /// <param name="runtimeUrl">Base URL of the version's runtime Service.</param>
    /// <param name="requestJson">The V2 inference request body.</param>
    Task<InferenceAnswer> InferAsync(string runtimeUrl, string modelName, string requestJson, CancellationToken cancellationToken);
}

/// <summary>
/// What a runtime made of an inference request: its outputs, or the error it answered with, or no answer at all
/// (<see cref="Unanswered"/>: not reached, timed out, or not V2 JSON).
/// </summary>
public sealed record InferenceAnswer
{
    /// <summary>The response's <c>outputs</c> array.</summary>
    public JsonElement? Outputs { get; init; }

    /// <summary>The runtime's error: status code and its message.</summary>
    public string? Error { get; init; }

    /// <summary>Why there is no answer; null when the runtime answered.</summary>
    public string? Unanswered { get; init; }

    public static InferenceAnswer Answered(JsonElement outputs) => new() { Outputs = outputs };

    public static InferenceAnswer Failed(string error) => new() { Error = error };

    public static InferenceAnswer NoAnswer(string why) => new() { Unanswered = why };
}
