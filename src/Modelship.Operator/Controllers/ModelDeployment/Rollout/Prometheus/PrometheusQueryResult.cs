using System.Globalization;
using System.Text.Json;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout.Prometheus;

/// <summary>
/// Pure: the value of a <c>/api/v1/query</c> answer. A scalar, or an instant vector of exactly one sample, gives a
/// value; an error, an empty vector, several series, a matrix or string, NaN or an infinity give none and say why.
/// </summary>
public static class PrometheusQueryResult
{
    public static (double? Value, string? Problem) Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status))
            {
                return (null, "the answer is not a Prometheus API response");
            }
            if (status.GetString() != "success")
            {
                var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
                return (null, $"the query failed: {error ?? "no error message"}");
            }
            if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("resultType", out var type) || !data.TryGetProperty("result", out var result))
            {
                return (null, "the answer has no data.result");
            }
            return type.GetString() switch
            {
                "scalar" => Sample(result),
                "vector" when result.GetArrayLength() == 0 => (null, "no result (the query selected no series)"),
                "vector" when result.GetArrayLength() > 1 => (null, $"{result.GetArrayLength()} series in the result; the query must return one (aggregate it, e.g. with sum)"),
                "vector" => result[0].TryGetProperty("value", out var value) ? Sample(value) : (null, "the sample has no value"),
                var other => (null, $"a {other} result; the query must return a scalar or one sample"),
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or IndexOutOfRangeException)
        {
            return (null, $"the answer is not a Prometheus API response: {ex.Message}");
        }
    }

    /// <summary><c>[timestamp, "value"]</c>.</summary>
    private static (double? Value, string? Problem) Sample(JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[1].ValueKind != JsonValueKind.String)
        {
            return (null, "the sample is not [timestamp, \"value\"]");
        }
        var text = pair[1].GetString()!;
        if (!AnalysisSample.TryParseValue(text, out var value) && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return (null, $"the value '{text}' is not a number");
        }
        return double.IsFinite(value) ? (value, null) : (null, $"the value is {text} (for a ratio, no requests in the window?)");
    }
}
