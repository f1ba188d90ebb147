using System.Text.Json;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Validation;

/// <summary>spec.replacement.validation.samplePrediction: one request source, and an inline request that is V2 JSON.</summary>
public static class SamplePredictionValidator
{
    private const string Path = "spec.replacement.validation.samplePrediction";

    internal static void Validate(SamplePredictionSpec sample, ErrorList errors)
    {
        if ((sample.Request is null) == (sample.RequestFrom is null))
        {
            errors.Add(Path, "set exactly one of request and requestFrom");
        }
        if (sample.Request is { } request && RequestProblem(request) is { } problem)
        {
            errors.Add($"{Path}.request", problem);
        }
    }

    /// <summary>Why <paramref name="json"/> is not a V2 inference request body; null when it is one.</summary>
    public static string? RequestProblem(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Array
                ? null
                : "must be a V2 inference request: a JSON object with an \"inputs\" array";
        }
        catch (JsonException ex)
        {
            return $"is not JSON: {ex.Message}";
        }
    }
}
