using System.Text.Json;
using Modelship.Serving.Batch;

namespace Modelship.Cli.Client;

/// <summary>
/// What `predict` read from its input file (pure parsing): either a complete V2 request, sent as it is, or rows with
/// named columns that still need the model's inputs to become tensors (<see cref="TensorLayoutPlanner"/> and
/// <see cref="InferenceRequestEncoder"/>, the encoders of `modelship batch`).
/// Accepted: CSV with a header row and JSON Lines (read by the batch readers); JSON as a V2 request
/// (<c>{"inputs":[{"name":..}]}</c>), a list of rows (objects of column to value, or arrays), or MLflow's
/// <c>{"dataframe_records": [...]}</c> and <c>{"dataframe_split": {"columns": [...], "data": [[...]]}}</c>.
/// </summary>
public sealed record PredictInput(byte[]? V2Request, IReadOnlyList<string> Columns, IReadOnlyList<BatchInputRow> Rows)
{
    /// <exception cref="ClientCommandException">Unreadable or unrecognized input (usage).</exception>
    public static PredictInput Read(string path, string? format)
    {
        var kind = (format ?? Path.GetExtension(path).TrimStart('.')).ToUpperInvariant();
        try
        {
            return kind switch
            {
                "CSV" => FromBatch(BatchInput.Open(path, BatchDataFormat.Csv)),
                "JSONL" or "NDJSON" => FromBatch(BatchInput.Open(path, BatchDataFormat.JsonLines)),
                "JSON" => FromJson(File.ReadAllBytes(path), path),
                _ => throw new ClientCommandException(CliExitCodes.Usage, $"{path}: cannot tell the format from the name; give --input-format csv, json or jsonl"),
            };
        }
        catch (BatchInputException e)
        {
            throw new ClientCommandException(CliExitCodes.Usage, e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClientCommandException(CliExitCodes.Usage, $"cannot read {path}: {e.Message}", e);
        }
    }

    public static PredictInput FromJson(byte[] json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ClientCommandException(CliExitCodes.Usage, $"{source} is not JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Array
                && inputs.EnumerateArray().All(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("name", out _)))
            {
                return new PredictInput(json, [], []);
            }
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("dataframe_records", out var records))
            {
                return FromRowList(records, source);
            }
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("dataframe_split", out var split))
            {
                return FromSplit(split, source);
            }
            if (root.ValueKind == JsonValueKind.Array)
            {
                return FromRowList(root, source);
            }
            throw new ClientCommandException(CliExitCodes.Usage,
                $"{source}: not a V2 request ({{\"inputs\":[{{\"name\":...}}]}}), a list of rows, dataframe_records or dataframe_split");
        }
    }

    private static PredictInput FromBatch(BatchInput input) => new(null, input.Columns, [.. input.Rows()]);

    /// <summary>Rows as objects (column to value; the columns are every key, first seen first) or as arrays (columns 0, 1, ...).</summary>
    private static PredictInput FromRowList(JsonElement list, string source)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new ClientCommandException(CliExitCodes.Usage, $"{source}: the list of rows is empty or not a list");
        }
        var items = list.EnumerateArray().ToList();
        if (items.All(i => i.ValueKind == JsonValueKind.Array))
        {
            var width = items.Max(i => i.GetArrayLength());
            var positional = Enumerable.Range(0, width).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            return new PredictInput(null, positional, [.. items.Select((row, i) => Row(i, [.. row.EnumerateArray()], width))]);
        }
        if (!items.All(i => i.ValueKind == JsonValueKind.Object))
        {
            throw new ClientCommandException(CliExitCodes.Usage, $"{source}: rows must all be objects (column to value) or all be arrays");
        }
        var columns = new List<string>();
        foreach (var property in items.SelectMany(i => i.EnumerateObject()))
        {
            if (!columns.Contains(property.Name))
            {
                columns.Add(property.Name);
            }
        }
        return new PredictInput(null, columns, [.. items.Select((row, i) => new BatchInputRow(i + 1, i + 1,
            [.. columns.Select(c => row.TryGetProperty(c, out var value) ? JsonLinesRowReader.ValueText(value) : null)]))]);
    }

    private static PredictInput FromSplit(JsonElement split, string source)
    {
        if (split.ValueKind != JsonValueKind.Object
            || !split.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array
            || !split.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new ClientCommandException(CliExitCodes.Usage, $"{source}: dataframe_split needs \"columns\" and \"data\" lists");
        }
        var names = columns.EnumerateArray().Select(c => JsonLinesRowReader.ValueText(c) ?? "").ToList();
        var rows = data.EnumerateArray().Select((row, i) => row.ValueKind == JsonValueKind.Array
            ? Row(i, [.. row.EnumerateArray()], names.Count)
            : new BatchInputRow(i + 1, i + 1, new string?[names.Count], "is not a list of values")).ToList();
        return new PredictInput(null, names, rows);
    }

    private static BatchInputRow Row(int index, IReadOnlyList<JsonElement> values, int width) => new(
        index + 1,
        index + 1,
        [.. Enumerable.Range(0, width).Select(i => i < values.Count ? JsonLinesRowReader.ValueText(values[i]) : null)],
        values.Count == width ? null : $"has {values.Count} value(s), the other rows have {width}");
}
