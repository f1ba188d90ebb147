namespace Modelship.Serving.Batch;

/// <summary>
/// A local input file opened for a run: its columns and row count from a first pass (the progress bar's total and
/// the CSV output's header need them before the first request), then its rows, read again lazily.
/// </summary>
public sealed class BatchInput
{
    private readonly Func<IEnumerable<BatchInputRow>> _rows;

    private BatchInput(string path, BatchDataFormat format, IReadOnlyList<string> columns, long rowCount, Func<IEnumerable<BatchInputRow>> rows)
    {
        Path = path;
        Format = format;
        Columns = columns;
        RowCount = rowCount;
        _rows = rows;
    }

    public string Path { get; }

    public BatchDataFormat Format { get; }

    public IReadOnlyList<string> Columns { get; }

    public long RowCount { get; }

    public IEnumerable<BatchInputRow> Rows() => _rows();

    /// <exception cref="BatchInputException">The file is missing, unreadable, or has no columns.</exception>
    public static BatchInput Open(string path, BatchDataFormat format)
    {
        if (!File.Exists(path))
        {
            throw new BatchInputException(Directory.Exists(path) ? $"input {path} is a directory, not a file" : $"input file {path} does not exist");
        }
        try
        {
            if (format == BatchDataFormat.Csv)
            {
                var (columns, rows) = CsvRowReader.Scan(path);
                return new BatchInput(path, format, columns, rows, () => CsvRowReader.Read(path));
            }
            var (keys, lines) = JsonLinesRowReader.Scan(path);
            return new BatchInput(path, format, keys, lines, () => JsonLinesRowReader.Read(path, keys));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BatchInputException($"reading input {path} failed: {e.Message}", e);
        }
    }
}
