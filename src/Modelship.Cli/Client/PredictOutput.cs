using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Modelship.Serving.Batch;

namespace Modelship.Cli.Client;

/// <summary>
/// A V2 answer as `predict` prints it (pure): <c>-o json</c> the answer itself (indented), <c>-o yaml</c> the same as
/// YAML, the table one row per input row (the outputs' first dimension) with a column per output, split by
/// <see cref="InferenceResponseDecoder"/> like `modelship batch` writes its CSV; a first line names the model
/// version that answered.
/// </summary>
public static class PredictOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(byte[] answer, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(answer);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(answer);
        }
        catch (JsonException e)
        {
            throw new ClientCommandException($"the answer is not JSON: {e.Message}", e);
        }
        if (node is null)
        {
            throw new ClientCommandException("the answer is null");
        }
        return format switch
        {
            OutputFormat.Json => node.ToJsonString(Indented) + "\n",
            OutputFormat.Yaml => Api.Schema.YamlWriter.Write(node),
            _ => Table(answer, node),
        };
    }

    private static string Table(byte[] answer, JsonNode node)
    {
        var rows = Rows(node);
        IReadOnlyList<IReadOnlyDictionary<string, string>> split;
        try
        {
            split = InferenceResponseDecoder.Split(answer, rows);
        }
        catch (BatchResponseException e)
        {
            throw new ClientCommandException($"the answer cannot be shown as a table ({e.Message}); use -o json");
        }
        var names = OutputNames(node);
        var header = new List<string> { "ROW" };
        header.AddRange(names.Select(n => n.ToUpperInvariant()));
        var table = TextTable.Format(header, split.Select((row, i) => (IReadOnlyList<string>)
            [(i + 1).ToString(CultureInfo.InvariantCulture), .. names.Select(n => row.TryGetValue(n, out var v) ? v : "")]));
        var model = node["model_name"]?.ToString();
        var version = node["model_version"]?.ToString();
        return (model is null ? "" : $"model {model}{(version is null ? "" : " version " + version)}\n") + table;
    }

    /// <summary>The rows answered: the first dimension of the first output (1 for a scalar output).</summary>
    private static int Rows(JsonNode node)
    {
        var first = (node["outputs"] as JsonArray)?.FirstOrDefault();
        return first?["shape"] is JsonArray { Count: > 0 } shape && shape[0] is JsonValue size && size.TryGetValue<int>(out var rows) ? rows : 1;
    }

    private static List<string> OutputNames(JsonNode node) =>
        [.. ((node["outputs"] as JsonArray) ?? []).Select(o => o?["name"]?.ToString() ?? "")];
}
