using k8s.Models;

namespace Modelship.Kubernetes.Models;

/// <summary>
/// One label or annotation of a <see cref="V1ObjectMeta"/> (or one key of a ConfigMap's data), or null. The package's maps are <c>IDictionary</c>, which
/// has no <c>GetValueOrDefault</c>, and its <c>GetLabel</c> extensions take the object rather than its metadata.
/// </summary>
public static class ObjectMetadataExtensions
{
    public static string? Label(this V1ObjectMeta metadata, string key)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;
    }

    public static string? Annotation(this V1ObjectMeta metadata, string key)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>One key of a ConfigMap's data, or null.</summary>
    public static string? DataValue(this V1ConfigMap configMap, string key)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        return configMap.Data is { } data && data.TryGetValue(key, out var value) ? value : null;
    }
}
