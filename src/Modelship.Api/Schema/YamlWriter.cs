using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Modelship.Api.Schema;

/// <summary>
/// Writes a JSON tree as block-style YAML with object keys in ordinal order, so the output depends only on the tree.
/// Strings that a YAML 1.1 reader (the API server's and kubectl's) could take for anything but a string are
/// double-quoted.
/// </summary>
public static partial class YamlWriter
{
    private static readonly JsonSerializerOptions s_quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> s_yaml11Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    public static string Write(JsonNode root)
    {
        var builder = new StringBuilder();
        foreach (var line in Lines(root))
        {
            builder.Append(line).Append('\n');
        }
        return builder.ToString();
    }

    private static List<string> Lines(JsonNode? node) => node switch
    {
        JsonObject { Count: > 0 } map => MapLines(map),
        JsonArray { Count: > 0 } list => ListLines(list),
        _ => [Scalar(node)],
    };

    private static List<string> MapLines(JsonObject map)
    {
        var lines = new List<string>();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var name = Scalar(JsonValue.Create(key));
            switch (value)
            {
                case JsonObject { Count: > 0 } child:
                    lines.Add(name + ":");
                    lines.AddRange(MapLines(child).Select(l => "  " + l));
                    break;
                case JsonArray { Count: > 0 } items:
                    lines.Add(name + ":");
                    lines.AddRange(ListLines(items));
                    break;
                default:
                    lines.Add(name + ": " + Scalar(value));
                    break;
            }
        }
        return lines;
    }

    private static List<string> ListLines(JsonArray list)
    {
        var lines = new List<string>();
        foreach (var item in list)
        {
            var itemLines = Lines(item);
            lines.Add("- " + itemLines[0]);
            lines.AddRange(itemLines.Skip(1).Select(l => "  " + l));
        }
        return lines;
    }

    private static string Scalar(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject:
                return "{}";
            case JsonArray:
                return "[]";
        }
        var value = node.AsValue();
        if (value.TryGetValue<string>(out var text))
        {
            return IsPlainSafe(text) ? text : JsonSerializer.Serialize(text, s_quoting);
        }
        if (value.TryGetValue<bool>(out var flag))
        {
            return flag ? "true" : "false";
        }
        if (value.TryGetValue<double>(out var number))
        {
            return number.ToString("R", CultureInfo.InvariantCulture);
        }
        return node.ToJsonString();
    }

    private static bool IsPlainSafe(string text) => PlainScalar().IsMatch(text) && !s_yaml11Words.Contains(text);

    // Starts with a letter, no ':' or '#' or quotes or flow indicators, no leading/trailing space: plain in YAML 1.1
    // and 1.2, and never read as a number, bool or null once the words above are excluded.
    [GeneratedRegex(@"^[A-Za-z]([A-Za-z0-9 _.,/()=+<>;!?%*&@'\-]*[A-Za-z0-9_.)/'\-])?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainScalar();
}
