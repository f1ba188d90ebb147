using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

/// <summary>
/// Any object, typically a custom resource: typed apiVersion, kind and metadata, everything else as mutable JSON.
/// Use with <c>client.For(resourceType)</c>.
/// </summary>
public sealed class GenericObject : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public V1ObjectMeta Metadata { get; set; } = new();

    public JsonObject? Spec { get; set; }

    public JsonObject? Status { get; set; }

    /// <summary>Other top-level fields (e.g. <c>data</c> of a ConfigMap).</summary>
    /// <remarks>Not a JsonObject: System.Text.Json's source generator writes JsonObject extension data as a nested
    /// object instead of flattening it (invalid JSON), so extension data stays a dictionary of elements.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public static GenericObject Create(ResourceType resource, string name, string? ns = null) => new()
    {
        ApiVersion = resource.ApiVersion,
        Kind = resource.Kind,
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
    };
}
