using System.Text.Json.Nodes;
using Modelship.Api.Schema;

namespace Modelship.Api.Tests.Support;

/// <summary>The generated ModelDeployment CRD and its schema, with navigation by field path.</summary>
public static class CrdSchema
{
    public static JsonObject Crd => CustomResourceDefinitionBuilder.Build(ModelshipCustomResources.ModelDeployment);

    public static JsonObject Version => (JsonObject)Crd["spec"]!["versions"]![0]!;

    public static JsonObject Root => (JsonObject)Version["schema"]!["openAPIV3Schema"]!;

    /// <summary>
    /// The schema of a field: dots separate properties, <c>[]</c> steps into list items and <c>{}</c> into map
    /// values, as in <c>spec.traffic.challengers[].weight</c>.
    /// </summary>
    public static JsonObject At(string path)
    {
        JsonNode node = Root;
        foreach (var part in path.Split('.'))
        {
            var name = part.Replace("[]", "", StringComparison.Ordinal).Replace("{}", "", StringComparison.Ordinal);
            node = node["properties"]?[name] ?? throw new KeyNotFoundException($"no property '{name}' on the way to {path}");
            for (var i = 0; i < part.Length - name.Length; i += 2)
            {
                node = part[name.Length + i] == '['
                    ? node["items"] ?? throw new KeyNotFoundException($"{name} is not a list")
                    : node["additionalProperties"] ?? throw new KeyNotFoundException($"{name} is not a map");
            }
        }
        return (JsonObject)node;
    }

    /// <summary>Every schema node below (and including) <paramref name="node"/>, with its path.</summary>
    public static IEnumerable<(string Path, JsonObject Node)> Walk(JsonObject node, string path = "")
    {
        yield return (path, node);
        if (node["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                foreach (var item in Walk((JsonObject)child!, path.Length == 0 ? name : $"{path}.{name}"))
                {
                    yield return item;
                }
            }
        }
        if (node["items"] is JsonObject items)
        {
            foreach (var item in Walk(items, path + "[]"))
            {
                yield return item;
            }
        }
        if (node["additionalProperties"] is JsonObject values)
        {
            foreach (var item in Walk(values, path + "{}"))
            {
                yield return item;
            }
        }
    }

    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => (string)n!)] : [];
}
