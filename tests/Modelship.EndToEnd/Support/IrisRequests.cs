using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Modelship.EndToEnd.Support;

/// <summary>V2 inference request bodies for the iris models and the check that an answer is a valid V2 response.</summary>
public static class IrisRequests
{
    private static readonly float[][] Flowers =
    [
        [5.1f, 3.5f, 1.4f, 0.2f],
        [7.0f, 3.2f, 4.7f, 1.4f],
        [6.3f, 3.3f, 6.0f, 2.5f],
        [5.9f, 3.0f, 5.1f, 1.8f],
        [6.0f, 2.2f, 4.0f, 1.0f],
        [4.9f, 3.1f, 1.5f, 0.1f],
        [6.7f, 3.0f, 5.0f, 1.7f],
    ];

    /// <summary>A valid request with one or two flowers, varied by <paramref name="index"/>.</summary>
    public static byte[] Valid(int index)
    {
        var rows = index % 3 == 0 ? 2 : 1;
        var values = Enumerable.Range(index, rows).SelectMany(i => Flowers[i % Flowers.Length]);
        return Body("input", "FP32", [rows, 4], string.Join(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture))));
    }

    public static byte[] Body(string input, string datatype, int[] shape, string data) =>
        Encoding.UTF8.GetBytes($$"""{"inputs":[{"name":"{{input}}","shape":[{{string.Join(',', shape)}}],"datatype":"{{datatype}}","data":[{{data}}]}]}""");

    /// <summary>Null when <paramref name="json"/> is a V2 answer of the iris models (label INT64 [N], probabilities FP32 [N,3]); else what is wrong.</summary>
    public static string? ProblemWithAnswer(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Array)
            {
                return "no outputs array";
            }
            var byName = outputs.EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString() ?? "");
            if (!byName.TryGetValue("label", out var label) || !byName.TryGetValue("probabilities", out var probabilities))
            {
                return $"outputs are [{string.Join(", ", byName.Keys)}], not label and probabilities";
            }
            var rows = label.GetProperty("shape")[0].GetInt64();
            if (label.GetProperty("datatype").GetString() != "INT64" || label.GetProperty("data").GetArrayLength() != rows)
            {
                return "label is not INT64 [N] with N values";
            }
            var shape = probabilities.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (probabilities.GetProperty("datatype").GetString() != "FP32" || !shape.SequenceEqual([rows, 3]) || probabilities.GetProperty("data").GetArrayLength() != rows * 3)
            {
                return "probabilities is not FP32 [N,3] with 3N values";
            }
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or ArgumentException)
        {
            return $"not a V2 answer: {e.Message}";
        }
    }
}
