namespace Modelship.Serving.Batch;

/// <summary>The file formats `modelship batch` reads and writes.</summary>
public enum BatchDataFormat
{
    /// <summary>Comma-separated values with a header row (RFC 4180 quoting).</summary>
    Csv,

    /// <summary>JSON Lines: one JSON object per line, column name to value.</summary>
    JsonLines,
}

/// <summary>Guesses a format from a file name when none is given.</summary>
public static class BatchDataFormats
{
    public static BatchDataFormat FromName(string location)
    {
        var path = location.Split('?', 2)[0];
        return path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase)
            ? BatchDataFormat.JsonLines
            : BatchDataFormat.Csv;
    }

    public static bool TryParse(string text, out BatchDataFormat format)
    {
        switch (text.ToUpperInvariant())
        {
            case "CSV":
                format = BatchDataFormat.Csv;
                return true;
            case "JSONL" or "JSONLINES" or "NDJSON":
                format = BatchDataFormat.JsonLines;
                return true;
            default:
                format = default;
                return false;
        }
    }
}
