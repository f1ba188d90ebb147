using System.Text.Json;
using System.Text.Json.Nodes;

namespace Modelship.IntegrationTests.ArgoCD;

/// <summary>
/// What Argo CD sends after an action that returns the object: a JSON merge patch (RFC 7386) from the live object
/// to the returned one. Lua cannot tell an empty array from an empty object, so (as Argo CD does) those count as
/// equal; numbers compare by value, since they went through Lua's doubles.
/// </summary>
public static class ArgoCDActionPatch
{
    public static JsonObject Create(JsonObject live, JsonObject returned)
    {
        var patch = new JsonObject();
        foreach (var (name, _) in live)
        {
            if (!returned.ContainsKey(name))
            {
                patch[name] = null;
            }
        }
        foreach (var (name, after) in returned)
        {
            var before = live[name];
            if (Same(before, after))
            {
                continue;
            }
            patch[name] = before is JsonObject beforeObject && after is JsonObject afterObject ? Create(beforeObject, afterObject) : after?.DeepClone();
        }
        return patch;
    }

    private static bool Same(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonObject or JsonArray, JsonObject or JsonArray) when Count(a) == 0 && Count(b) == 0 => true,
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(m => y.ContainsKey(m.Key) && Same(m.Value, y[m.Key])),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number =>
            x.GetValue<double>() == y.GetValue<double>(),
        _ => JsonNode.DeepEquals(a, b),
    };

    private static int Count(JsonNode node) => node is JsonObject o ? o.Count : node.AsArray().Count;
}
