using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Modelship.Kubernetes.Models;

/// <summary>Serializer options for Kubernetes objects: source-generated, camelCase, nulls not written.</summary>
public static class KubernetesJsonOptions
{
    public static JsonSerializerOptions Default { get; } = Create();

    /// <summary>
    /// Options that also know the given resolvers, e.g. the source-generated context of a project's custom resource
    /// types (which must use the same naming policy and declare the package's <c>KubernetesList&lt;T&gt;</c> for each kind).
    /// </summary>
    public static JsonSerializerOptions Create(params IJsonTypeInfoResolver[] additionalResolvers)
    {
        var options = new JsonSerializerOptions(KubernetesJsonContext.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([KubernetesJsonContext.Default, .. additionalResolvers]),
        };
        options.MakeReadOnly();
        return options;
    }
}
