using System.Text.Json;
using Modelship.Api.Routing;

namespace Modelship.Serving.Routing;

/// <summary>
/// Counts output values outside the table's expected ranges in a V2 inference answer. The answer itself is never
/// changed; out-of-range predictions become warnings for metrics and alerts.
/// </summary>
public static class PredictionBoundsCheck
{
    /// <summary>
    /// Per bounded output present in the answer (and bound), how many of its numeric values fall outside the bound.
    /// A bound on <c>*</c> applies to every output.
    /// </summary>
    public static IReadOnlyList<(string Output, int OutOfRange)> Check(IReadOnlyList<PredictionBound> bounds, ReadOnlyMemory<byte> answer)
    {
        var results = new List<(string, int)>();
        using var document = JsonDocument.Parse(answer);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("outputs", out var outputs)
            || outputs.ValueKind != JsonValueKind.Array)
        {
            return results;
        }
        foreach (var output in outputs.EnumerateArray())
        {
            if (output.ValueKind != JsonValueKind.Object
                || !output.TryGetProperty("name", out var name)
                || name.ValueKind != JsonValueKind.String
                || !output.TryGetProperty("data", out var data))
            {
                continue;
            }
            foreach (var bound in bounds)
            {
                if (bound.Output == PredictionBound.EveryOutput || name.ValueEquals(bound.Output))
                {
                    results.Add((name.GetString()!, CountOutOfRange(data, bound)));
                }
            }
        }
        return results;
    }

    private static int CountOutOfRange(JsonElement data, PredictionBound bound)
    {
        switch (data.ValueKind)
        {
            case JsonValueKind.Array:
                var count = 0;
                foreach (var item in data.EnumerateArray())
                {
                    count += CountOutOfRange(item, bound);
                }
                return count;
            case JsonValueKind.Number:
                var value = data.GetDouble();
                return value < (bound.Min ?? double.NegativeInfinity) || value > (bound.Max ?? double.PositiveInfinity) ? 1 : 0;
            default:
                return 0;
        }
    }
}
