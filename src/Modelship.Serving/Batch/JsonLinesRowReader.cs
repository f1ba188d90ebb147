using System.Text.Json;

namespace Modelship.Serving.Batch;

/// <summary>
/// Reads JSON Lines: one object per line, column name to value; blank lines are skipped. The columns are every key
/// seen, in the order first seen (a first pass), so rows may leave optional keys out. A line that is not a JSON
/// object is a failed row, not a reason to stop.
/// </summary>
public static class JsonLinesRowReader
{
    public static (IReadOnlyList<string> Columns, long Rows) Scan(string path)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long rows = 0;
        foreach (var (_, text) in Lines(path))
        {
            rows++;
            if (TryParse(text, out var document, out _))
            {
                using (document)
                {
                    foreach (var property in document!.RootElement.EnumerateObject())
                    {
                        if (seen.Add(property.Name))
                        {
                            columns.Add(property.Name);
                        }
                    }
                }
            }
        }
        if (columns.Count == 0)
        {
            throw new BatchInputException(rows == 0 ? $"input {path} has no rows" : $"input {path} has no JSON object with a key: no columns");
        }
        return (columns, rows);
    }

    public static IEnumerable<BatchInputRow> Read(string path, IReadOnlyList<string> columns)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            index[columns[i]] = i;
        }
        long number = 0;
        foreach (var (line, text) in Lines(path))
        {
            number++;
            var values = new string?[columns.Count];
            if (!TryParse(text, out var document, out var problem))
            {
                yield return new BatchInputRow(number, line, values, problem);
                continue;
            }
            using (document)
            {
                foreach (var property in document!.RootElement.EnumerateObject())
                {
                    if (index.TryGetValue(property.Name, out var i))
                    {
                        values[i] = ValueText(property.Value);
                    }
                }
            }
            yield return new BatchInputRow(number, line, values);
        }
    }

    /// <summary>A string unquoted; null as no value; numbers, booleans, arrays and objects as their JSON text.</summary>
    public static string? ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static bool TryParse(string text, out JsonDocument? document, out string? problem)
    {
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            document = null;
            problem = $"is not valid JSON: {e.Message}";
            return false;
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            problem = $"is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object of column name to value";
            document.Dispose();
            document = null;
            return false;
        }
        problem = null;
        return true;
    }

    private static IEnumerable<(long Line, string Text)> Lines(string path)
    {
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return (line, text);
            }
        }
    }
}
