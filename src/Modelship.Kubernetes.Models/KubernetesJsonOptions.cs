using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

/// <summary>Serializer options for Kubernetes objects: source-generated, camelCase, nulls not written.</summary>
public static class KubernetesJsonOptions
{
    private static readonly KubernetesMicroTimeConverter MicroTime = new();

    public static JsonSerializerOptions Default { get; } = Create();

    /// <summary>
    /// Options that also know the given resolvers, e.g. the source-generated context of a project's custom resource
    /// types (which must use the same naming policy and declare the package's <c>KubernetesList&lt;T&gt;</c> for each kind).
    /// </summary>
    public static JsonSerializerOptions Create(params IJsonTypeInfoResolver[] additionalResolvers)
    {
        var options = new JsonSerializerOptions(KubernetesJsonContext.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([KubernetesJsonContext.Default, .. additionalResolvers]).WithAddedModifier(UseMicroTime),
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The metav1.MicroTime fields among the kinds we write (all other times are metav1.Time).</summary>
    private static void UseMicroTime(JsonTypeInfo type)
    {
        string[] fields = type.Type == typeof(V1LeaseSpec) ? ["acquireTime", "renewTime"]
            : type.Type == typeof(Corev1Event) ? ["eventTime"]
            : type.Type == typeof(Corev1EventSeries) ? ["lastObservedTime"]
            : [];
        foreach (var property in type.Properties)
        {
            if (fields.Contains(property.Name, StringComparer.Ordinal))
            {
                property.CustomConverter = MicroTime;
            }
        }
    }
}
