using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Client;

/// <summary>REST paths: <c>/api/v1/namespaces/{ns}/configmaps/{name}</c>, <c>/apis/{group}/{version}/{plural}</c>, ...</summary>
public static class ResourcePaths
{
    /// <param name="ns">Namespace; null lists a namespaced kind across all namespaces.</param>
    public static string Collection(ResourceType resource, string? ns)
    {
        if (!resource.Namespaced && !string.IsNullOrEmpty(ns))
        {
            throw new ArgumentException($"{resource.Kind} is cluster-scoped; no namespace may be given (got '{ns}').", nameof(ns));
        }

        return string.IsNullOrEmpty(ns)
            ? $"{resource.GroupVersionPath}/{resource.Plural}"
            : $"{resource.GroupVersionPath}/namespaces/{Uri.EscapeDataString(ns)}/{resource.Plural}";
    }

    public static string Item(ResourceType resource, string? ns, string name, string? subresource = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (resource.Namespaced && string.IsNullOrEmpty(ns))
        {
            throw new ArgumentException($"{resource.Kind} is namespaced; a namespace is required to address '{name}'.", nameof(ns));
        }

        var path = $"{Collection(resource, ns)}/{Uri.EscapeDataString(name)}";
        return subresource is null ? path : $"{path}/{subresource}";
    }
}
