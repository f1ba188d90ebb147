using System.Globalization;
using System.Text.Json;
using nietras.SeparatedValues;

namespace Modelship.Serving.Batch;

/// <summary>
/// CSV output (Sep, quoted where needed): one line per input row with the columns of <see cref="OutputColumns"/>.
/// An output value that is a JSON string is written unquoted; numbers as they are; arrays as their JSON text.
/// </summary>
public sealed class CsvResultWriter : IBatchResultWriter
{
    private readonly SepWriter _writer;
    private readonly OutputColumns _columns;
    private readonly string _path;
    private bool _wroteRow;

    public CsvResultWriter(string path, OutputColumns columns)
    {
        _columns = columns ?? throw new ArgumentNullException(nameof(columns));
        _path = path;
        _writer = Sep.New(',').Writer(o => o with { Escape = true }).ToFile(path);
    }

    public void Write(BatchRowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _wroteRow = true;
        using var row = _writer.NewRow();
        row[OutputColumns.Row].Set(result.Row.Number.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < _columns.InputColumns.Count; i++)
        {
            row[_columns.InputHeaders[i]].Set(i < result.Row.Values.Count ? result.Row.Values[i] ?? "" : "");
        }
        foreach (var output in _columns.Outputs)
        {
            row[output].Set(result.Outputs is not null && result.Outputs.TryGetValue(output, out var json) ? CellText(json) : "");
        }
        row[OutputColumns.Error].Set(result.Error ?? "");
    }

    /// <summary>A JSON string's text; any other JSON value as written.</summary>
    public static string CellText(string json)
    {
        if (!json.StartsWith('"'))
        {
            return json;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetString() ?? "";
    }

    public void Dispose()
    {
        _writer.Dispose();
        if (!_wroteRow)
        {
            // Sep writes the header with the first row; an input without rows still gets an output with a header.
            File.WriteAllText(_path, string.Join(',', _columns.Headers().Select(Escape)) + "\n");
        }
    }

    private static string Escape(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
