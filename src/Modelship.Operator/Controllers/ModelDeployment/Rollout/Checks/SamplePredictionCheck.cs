using System.Globalization;
using System.Text.Json;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout.Checks;

/// <summary>
/// The sample prediction check: the new version answers the configured sample request without error and, with a
/// tolerance, every output element is close to the champion's answer to the same request (numbers within
/// absolute or relative tolerance, anything else equal).
/// </summary>
public static class SamplePredictionCheck
{
    public const string Name = "samplePrediction";

    /// <param name="champion">The champion's answer; null when not asked (no tolerance).</param>
    public static ReplacementCheck Judge(InferenceAnswer candidate, InferenceAnswer? champion, SamplePredictionTolerance? tolerance)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.Unanswered is { } unanswered)
        {
            return Failing($"the new version did not answer the sample request: {unanswered}");
        }
        if (candidate.Error is { } error)
        {
            return Failing($"the new version answered the sample request with an error: {error}");
        }
        if (tolerance is null)
        {
            return new ReplacementCheck { Status = ValidationResult.Passing, Message = "the new version answered the sample request" };
        }
        if (champion?.Outputs is not { } expected)
        {
            return new ReplacementCheck
            {
                Status = ValidationResult.Warning,
                Message = $"the new version answered the sample request; the champion did not ({champion?.Error ?? champion?.Unanswered ?? "not asked"}), so the outputs were not compared",
            };
        }
        var (difference, largest) = Compare(expected, candidate.Outputs!.Value, tolerance);
        var bounds = $"absolute {Number(tolerance.Absolute ?? 0)}, relative {Number(tolerance.Relative ?? 0)}";
        return difference is null
            ? new ReplacementCheck { Status = ValidationResult.Passing, Message = $"outputs within tolerance of the champion's ({bounds}; largest difference {Number(largest)})" }
            : Failing($"outputs differ from the champion's beyond tolerance ({bounds}): {difference}");
    }

    private static ReplacementCheck Failing(string message) => new() { Status = ValidationResult.Failing, Message = message };

    /// <returns>The first difference beyond tolerance (null: none), and the largest numeric difference seen.</returns>
    private static (string? Difference, double Largest) Compare(JsonElement expected, JsonElement actual, SamplePredictionTolerance tolerance)
    {
        var largest = 0.0;
        var actualByName = actual.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.Object)
            .GroupBy(NameOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var output in expected.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.Object))
        {
            var name = NameOf(output);
            if (!actualByName.TryGetValue(name, out var match))
            {
                return ($"output '{name}' is missing", largest);
            }
            var want = Flatten(output).ToList();
            var got = Flatten(match).ToList();
            if (want.Count != got.Count)
            {
                return ($"output '{name}' has {got.Count} elements, the champion's {want.Count}", largest);
            }
            for (var i = 0; i < want.Count; i++)
            {
                if (want[i].ValueKind == JsonValueKind.Number && got[i].ValueKind == JsonValueKind.Number)
                {
                    var (a, b) = (want[i].GetDouble(), got[i].GetDouble());
                    var diff = Math.Abs(b - a);
                    largest = Math.Max(largest, diff);
                    if (diff > (tolerance.Absolute ?? 0) && diff > (tolerance.Relative ?? 0) * Math.Abs(a))
                    {
                        return ($"output '{name}'[{i}] is {Number(b)}, the champion's {Number(a)} (difference {Number(diff)})", largest);
                    }
                }
                else if (want[i].GetRawText() != got[i].GetRawText())
                {
                    return ($"output '{name}'[{i}] is {got[i].GetRawText()}, the champion's {want[i].GetRawText()}", largest);
                }
            }
        }
        return (null, largest);
    }

    private static string NameOf(JsonElement output) =>
        output.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "";

    /// <summary>An output's <c>data</c>, flat (V2 allows nested arrays in row-major order).</summary>
    private static IEnumerable<JsonElement> Flatten(JsonElement output)
    {
        if (!output.TryGetProperty("data", out var data))
        {
            yield break;
        }
        var stack = new Stack<JsonElement>();
        stack.Push(data);
        while (stack.Count > 0)
        {
            var item = stack.Pop();
            if (item.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in item.EnumerateArray().Reverse())
                {
                    stack.Push(child);
                }
            }
            else
            {
                yield return item;
            }
        }
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
