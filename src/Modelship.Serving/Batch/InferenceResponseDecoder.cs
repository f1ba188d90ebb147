using System.Text.Json;

namespace Modelship.Serving.Batch;

/// <summary>
/// Splits a V2 response to a request of N rows into N rows of outputs (pure). Every output's first dimension must be
/// N; a row's value of an output is its JSON text: one element when the output has one value per row (shape [N] or
/// [N, 1]), else a JSON array of the row's elements in row-major order. Nested <c>data</c> arrays are flattened.
/// </summary>
public static class InferenceResponseDecoder
{
    /// <exception cref="BatchResponseException">The body is not a V2 response of <paramref name="rows"/> rows.</exception>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Split(ReadOnlySpan<byte> body, int rows)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            throw new BatchResponseException($"the response is not JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Array)
            {
                throw new BatchResponseException("the response has no outputs array");
            }
            var result = new Dictionary<string, string>[rows];
            for (var i = 0; i < rows; i++)
            {
                result[i] = new Dictionary<string, string>(StringComparer.Ordinal);
            }
            foreach (var output in outputs.EnumerateArray())
            {
                var name = output.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new BatchResponseException("an output has no name");
                var elements = new List<JsonElement>();
                if (!output.TryGetProperty("data", out var data))
                {
                    throw new BatchResponseException($"output {name} has no data");
                }
                Flatten(data, elements);
                var first = output.TryGetProperty("shape", out var shape) && shape.ValueKind == JsonValueKind.Array && shape.GetArrayLength() > 0
                    && shape[0].ValueKind == JsonValueKind.Number && shape[0].TryGetInt64(out var dimension)
                    ? dimension
                    : -1;
                if (first != rows || elements.Count % rows != 0)
                {
                    throw new BatchResponseException(
                        $"output {name} has shape {(shape.ValueKind == JsonValueKind.Array ? shape.GetRawText() : "(none)")} and {elements.Count} values; {rows} rows were sent");
                }
                var perRow = elements.Count / rows;
                for (var i = 0; i < rows; i++)
                {
                    result[i][name] = perRow == 1
                        ? elements[i].GetRawText()
                        : "[" + string.Join(",", elements.Skip(i * perRow).Take(perRow).Select(e => e.GetRawText())) + "]";
                }
            }
            return result;
        }
    }

    private static void Flatten(JsonElement element, List<JsonElement> into)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            into.Add(element);
            return;
        }
        foreach (var item in element.EnumerateArray())
        {
            Flatten(item, into);
        }
    }
}

/// <summary>An answer that is not a V2 response to the request sent; its rows fail with this message.</summary>
public sealed class BatchResponseException(string message) : Exception(message);
