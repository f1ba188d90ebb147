using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

public sealed class ConfigMap : IKubernetesResource<ConfigMap>
{
    public static ResourceType Resource { get; } = new("", "v1", "ConfigMap", "configmaps", Namespaced: true);

    public string ApiVersion { get; set; } = "v1";

    public string Kind { get; set; } = "ConfigMap";

    public V1ObjectMeta Metadata { get; set; } = new();

    public Dictionary<string, string>? Data { get; set; }

    /// <summary>Base64-encoded values, as on the wire.</summary>
    public Dictionary<string, string>? BinaryData { get; set; }

    public bool? Immutable { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
