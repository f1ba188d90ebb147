using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

public sealed class Namespace : IKubernetesResource<Namespace>
{
    public static ResourceType Resource { get; } = new("", "v1", "Namespace", "namespaces", Namespaced: false);

    public string ApiVersion { get; set; } = "v1";

    public string Kind { get; set; } = "Namespace";

    public V1ObjectMeta Metadata { get; set; } = new();

    public JsonObject? Spec { get; set; }

    public NamespaceStatus? Status { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class NamespaceStatus
{
    /// <summary>"Active" or "Terminating".</summary>
    public string? Phase { get; set; }

    public List<Condition>? Conditions { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
