using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Controllers;
using Modelship.Operator.Controllers.ModelDeployment;

namespace Modelship.Operator.Controllers;

/// <summary>What a status write did: the object as the server returned it (null when nothing needed writing or the
/// object is gone), or a conflict (the status was computed from an older resourceVersion; requeue).</summary>
public readonly record struct StatusWrite<T>(T? Object, bool Conflict);

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
        if (old is not null)
        {
            MarkRemoved(old, next);
        }
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["status"] = next,
        };
    }

    /// <summary>
    /// Sends as null every field of <paramref name="old"/> that <paramref name="next"/> lacks, in nested objects too: a
    /// merge patch merges objects field by field, so a field left out would stay (arrays are replaced whole).
    /// </summary>
    private static void MarkRemoved(JsonObject old, JsonObject next)
    {
        foreach (var (name, value) in old)
        {
            if (!next.TryGetPropertyValue(name, out var kept))
            {
                next[name] = null;
            }
            else if (value is JsonObject oldObject && kept is JsonObject nextObject)
            {
                MarkRemoved(oldObject, nextObject);
            }
        }
    }

    /// <summary>
    /// Writes the patch from <paramref name="previous"/> to <paramref name="desired"/>, if any, and records the
    /// resourceVersion it wrote over in <paramref name="superseded"/>. A deleted object is not an error.
    /// <paramref name="conditional"/> false drops the resourceVersion precondition, for a status that must be recorded
    /// even over a newer object (a run whose effects are already done).
    /// </summary>
    public static async Task<StatusWrite<T>> WriteAsync<T, TStatus>(
        ResourceClient<T> client, ObjectKey key, T obj, TStatus? previous, TStatus desired, JsonTypeInfo<TStatus> type,
        SupersededVersions superseded, CancellationToken cancellationToken, bool conditional = true)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TStatus : class
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(superseded);
        if (From(previous, desired, type, obj.Metadata.ResourceVersion) is not { } patch)
        {
            return default;
        }
        if (!conditional)
        {
            patch.Remove("metadata");
        }
        try
        {
            var written = await client.MergePatchStatusAsync(obj.Metadata.NamespaceProperty, obj.Metadata.Name!, patch, cancellationToken).ConfigureAwait(false);
            superseded.WroteOver(key, obj.Metadata.ResourceVersion);
            return new StatusWrite<T>(written, false);
        }
        catch (KubernetesApiException ex) when (ex.IsNotFound)
        {
            return default;
        }
        catch (KubernetesApiException ex) when (ex.IsConflict)
        {
            return new StatusWrite<T>(null, true);
        }
    }
}
