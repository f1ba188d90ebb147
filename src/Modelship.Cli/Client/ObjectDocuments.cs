using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Modelship.Api.Schema;
using Modelship.Kubernetes.Models;

namespace Modelship.Cli.Client;

/// <summary>
/// Objects as printed by <c>-o json</c> and <c>-o yaml</c> (pure): the whole object as the API server returned it,
/// except <c>metadata.managedFields</c> (noise for a person; kubectl hides it too). A list prints as a
/// <c>List</c> with <c>items</c>, like kubectl.
/// </summary>
public static class ObjectDocuments
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject ToJson(GenericObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var node = JsonSerializer.SerializeToNode(obj, KubernetesJsonOptions.Default.GetTypeInfo(typeof(GenericObject)))!.AsObject();
        if (node["metadata"] is JsonObject metadata)
        {
            metadata.Remove("managedFields");
        }
        return node;
    }

    public static JsonObject ToJsonList(IEnumerable<GenericObject> items) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "List",
        ["items"] = new JsonArray([.. items.Select(ToJson)]),
    };

    public static string Format(JsonNode node, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(node);
        return format switch
        {
            OutputFormat.Yaml => YamlWriter.Write(node),
            _ => node.ToJsonString(Indented) + "\n",
        };
    }
}
