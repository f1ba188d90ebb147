using Modelship.Serving.Protocol;

namespace Modelship.Serving.Batch;

/// <summary>
/// One V2 input tensor of a request: the values of <see cref="Columns"/> (indexes into the input's columns) of each
/// row, row after row. Shape [rows, columns], or [rows] when <see cref="OneValuePerRow"/> (a model input of rank 1).
/// </summary>
public sealed record TensorBinding(string Name, string Datatype, IReadOnlyList<int> Columns, bool OneValuePerRow);

/// <summary>How the rows of the input become the input tensors of a V2 request.</summary>
public sealed record TensorLayout(IReadOnlyList<TensorBinding> Tensors)
{
    public string Describe() => string.Join("; ", Tensors.Select(t =>
        $"{t.Name} {t.Datatype} [rows{(t.OneValuePerRow ? "" : $", {t.Columns.Count}")}]"));
}

/// <summary>What the command line says about the mapping; both optional.</summary>
/// <param name="InputName">Send the chosen columns as one tensor of this name (--input-name).</param>
/// <param name="Columns">The columns to send, in this order (--columns); null: every column.</param>
public sealed record TensorLayoutOptions(string? InputName = null, IReadOnlyList<string>? Columns = null);

/// <summary>
/// Chooses the <see cref="TensorLayout"/> from the input's columns and the model's metadata (GET /v2/models/{name}).
/// Two mappings:
/// <list type="bullet">
/// <item>per column, when the model has inputs and every one of them is named like a column (and neither --input-name
/// nor --columns is given): each input gets its column, datatype and rank from the metadata;</item>
/// <item>one tensor otherwise: the chosen columns side by side, shape [rows, columns], named by --input-name or the
/// model's only input, datatype from that input's metadata (FP32 when the model does not say).</item>
/// </list>
/// Pure; every refusal names the columns and inputs involved.
/// </summary>
public static class TensorLayoutPlanner
{
    public const string DefaultDatatype = "FP32";

    public static TensorLayout Plan(IReadOnlyList<string> columns, IReadOnlyList<TensorMetadata> modelInputs, TensorLayoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(modelInputs);
        ArgumentNullException.ThrowIfNull(options);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            index.TryAdd(columns[i], i);
        }
        if (options.InputName is null && options.Columns is null && modelInputs.Count > 0 && modelInputs.All(m => index.ContainsKey(m.Name)))
        {
            return new TensorLayout([.. modelInputs.Select(m => new TensorBinding(m.Name, m.Datatype, [index[m.Name]], m.Shape.Count == 1))]);
        }

        var chosen = Chosen(columns, index, options.Columns);
        var name = options.InputName ?? modelInputs switch
        {
            [var only] => only.Name,
            [] => throw new BatchInputException("the model's metadata lists no inputs: name the input tensor with --input-name"),
            _ => throw new BatchInputException(
                $"the model has inputs {Names(modelInputs.Select(m => m.Name))} and the input's columns are {Names(columns)}: " +
                "name the columns like the model's inputs (one tensor each), or send the columns as one tensor with --input-name"),
        };
        var metadata = modelInputs.FirstOrDefault(m => m.Name == name);
        if (metadata is null && modelInputs.Count > 0)
        {
            throw new BatchInputException($"--input-name {name}: the model has no input of that name (it has {Names(modelInputs.Select(m => m.Name))})");
        }
        var oneValuePerRow = metadata?.Shape.Count == 1;
        if (oneValuePerRow && chosen.Count != 1)
        {
            throw new BatchInputException(
                $"model input {name} takes one value per row (shape [{string.Join(", ", metadata!.Shape)}]); {chosen.Count} columns are chosen " +
                $"({Names(chosen.Select(c => columns[c]))}): choose one with --columns");
        }
        if (metadata is { Shape: [_, var width] } && width > 0 && width != chosen.Count)
        {
            throw new BatchInputException(
                $"model input {name} takes {width} values per row (shape [{string.Join(", ", metadata.Shape)}]); {chosen.Count} columns are chosen " +
                $"({Names(chosen.Select(c => columns[c]))}): choose {width} with --columns");
        }
        return new TensorLayout([new TensorBinding(name, metadata?.Datatype ?? DefaultDatatype, chosen, oneValuePerRow)]);
    }

    private static List<int> Chosen(IReadOnlyList<string> columns, Dictionary<string, int> index, IReadOnlyList<string>? wanted)
    {
        if (wanted is null)
        {
            return [.. Enumerable.Range(0, columns.Count)];
        }
        if (wanted.Count == 0)
        {
            throw new BatchInputException("--columns names no column");
        }
        var chosen = new List<int>(wanted.Count);
        foreach (var column in wanted)
        {
            if (!index.TryGetValue(column, out var i))
            {
                throw new BatchInputException($"--columns: the input has no column \"{column}\" (its columns are {Names(columns)})");
            }
            chosen.Add(i);
        }
        return chosen;
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names);
}
