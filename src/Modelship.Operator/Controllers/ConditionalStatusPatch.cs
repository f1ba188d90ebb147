using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Modelship.Operator.Controllers;

/// <summary>The status write every reconciler makes: a merge patch conditional on the resourceVersion it was computed from.</summary>
public static class ConditionalStatusPatch
{
    /// <summary>
    /// The merge patch that takes the status from <paramref name="previous"/> to <paramref name="desired"/>, or null when
    /// they are semantically equal. Fields that disappeared are sent as null. It carries
    /// <paramref name="resourceVersion"/>, so a status computed from a cache that is behind is refused (409 Conflict)
    /// instead of overwriting a newer one.
    /// </summary>
    public static JsonObject? From<TStatus>(TStatus? previous, TStatus desired, JsonTypeInfo<TStatus> type, string? resourceVersion)
        where TStatus : class
    {
        var next = (JsonObject)JsonSerializer.SerializeToNode(desired, type)!;
        var old = previous is null ? null : JsonSerializer.SerializeToNode(previous, type) as JsonObject;
        if (old is not null && JsonNode.DeepEquals(old, next))
        {
            return null;
        }
        foreach (var (name, _) in old ?? [])
        {
            if (!next.ContainsKey(name))
            {
                next[name] = null;
            }
        }
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["status"] = next,
        };
    }
}
