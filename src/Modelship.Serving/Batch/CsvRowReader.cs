using nietras.SeparatedValues;

namespace Modelship.Serving.Batch;

/// <summary>
/// Reads CSV with a header row (Sep, RFC 4180 quoting). A row with another number of fields than the header is kept
/// as a failed row naming both counts, not a reason to stop: the rest of the file is still answered.
/// </summary>
public static class CsvRowReader
{
    private static readonly Sep Comma = Sep.New(',');

    /// <summary>The header's columns and the number of data rows.</summary>
    public static (IReadOnlyList<string> Columns, long Rows) Scan(string path)
    {
        using var reader = Open(path);
        var columns = Columns(reader, path);
        long rows = 0;
        foreach (var _ in reader)
        {
            rows++;
        }
        return (columns, rows);
    }

    public static IEnumerable<BatchInputRow> Read(string path)
    {
        using var reader = Open(path);
        var columns = Columns(reader, path);
        long number = 0;
        foreach (var row in reader)
        {
            number++;
            var values = new string?[columns.Count];
            for (var i = 0; i < Math.Min(row.ColCount, columns.Count); i++)
            {
                values[i] = row[i].ToString();
            }
            var problem = row.ColCount == columns.Count
                ? null
                : $"has {row.ColCount} field(s), the header has {columns.Count} ({string.Join(", ", columns)})";
            yield return new BatchInputRow(number, row.LineNumberFrom, values, problem);
        }
    }

    private static SepReader Open(string path)
    {
        try
        {
            return Comma.Reader(o => o with { HasHeader = true, DisableColCountCheck = true, Unescape = true }).FromFile(path);
        }
        catch (ArgumentException e)
        {
            // Sep refuses a header that names a column twice.
            throw new BatchInputException($"input {path}: the header row cannot be used: {e.Message}", e);
        }
    }

    private static IReadOnlyList<string> Columns(SepReader reader, string path)
    {
        var columns = reader.Header.ColNames.ToArray();
        if (columns.Length == 0 || (columns.Length == 1 && columns[0].Length == 0))
        {
            throw new BatchInputException($"input {path} has no header row: the first line must name the columns");
        }
        return columns;
    }
}
