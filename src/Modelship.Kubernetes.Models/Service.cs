using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

public sealed class Service : IKubernetesResource<Service>
{
    public static ResourceType Resource { get; } = new("", "v1", "Service", "services", Namespaced: true);

    public string ApiVersion { get; set; } = "v1";

    public string Kind { get; set; } = "Service";

    public V1ObjectMeta Metadata { get; set; } = new();

    public ServiceSpec? Spec { get; set; }

    /// <summary>Load balancer status and conditions; not modeled, kept as written by the server.</summary>
    public JsonObject? Status { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ServiceSpec
{
    /// <summary>"ClusterIP", "NodePort", "LoadBalancer" or "ExternalName".</summary>
    public string? Type { get; set; }

    public Dictionary<string, string>? Selector { get; set; }

    public List<ServicePort>? Ports { get; set; }

    [JsonPropertyName("clusterIP")]
    public string? ClusterIP { get; set; }

    [JsonPropertyName("clusterIPs")]
    public List<string>? ClusterIPs { get; set; }

    public string? SessionAffinity { get; set; }

    public bool? PublishNotReadyAddresses { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ServicePort
{
    public string? Name { get; set; }

    public string? Protocol { get; set; }

    public string? AppProtocol { get; set; }

    public int? Port { get; set; }

    public IntOrString? TargetPort { get; set; }

    public int? NodePort { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
