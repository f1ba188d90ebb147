using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Watch;

/// <summary>
/// Decodes a watch response: one JSON object <c>{"type": ..., "object": ...}</c> per line. Lines may arrive split
/// across any number of network reads; the reader reassembles them.
/// </summary>
public static class WatchStreamDecoder
{
    public static async IAsyncEnumerable<WatchEvent<T>> ReadAsync<T>(
        Stream stream, JsonTypeInfo<T> objectType, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return DecodeLine(line, objectType);
        }
    }

    public static WatchEvent<T> DecodeLine<T>(string line, JsonTypeInfo<T> objectType)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new JsonException($"Watch event without a type: {Shorten(line)}");
        }

        var type = ParseType(typeElement.GetString()!, line);
        if (!root.TryGetProperty("object", out var objectElement) || objectElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Watch event without an object: {Shorten(line)}");
        }

        if (type == WatchEventType.Error)
        {
            return new WatchEvent<T>(type, null, objectElement.Deserialize(KubernetesJsonContext.Default.V1Status));
        }

        if (type == WatchEventType.Bookmark)
        {
            return new WatchEvent<T>(type, null, null, BookmarkResourceVersion(objectElement));
        }

        return new WatchEvent<T>(type, objectElement.Deserialize(objectType), null);
    }

    private static string? BookmarkResourceVersion(JsonElement obj) =>
        obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("resourceVersion", out var version) && version.ValueKind == JsonValueKind.String
            ? version.GetString()
            : null;

    private static WatchEventType ParseType(string type, string line) => type switch
    {
        "ADDED" => WatchEventType.Added,
        "MODIFIED" => WatchEventType.Modified,
        "DELETED" => WatchEventType.Deleted,
        "BOOKMARK" => WatchEventType.Bookmark,
        "ERROR" => WatchEventType.Error,
        _ => throw new JsonException($"Unknown watch event type '{type}': {Shorten(line)}"),
    };

    private static string Shorten(string line) => line.Length <= 200 ? line : string.Concat(line.AsSpan(0, 200), "…");
}
