using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

public sealed class Pod : IKubernetesResource<Pod>
{
    public static ResourceType Resource { get; } = new("", "v1", "Pod", "pods", Namespaced: true);

    public string ApiVersion { get; set; } = "v1";

    public string Kind { get; set; } = "Pod";

    public V1ObjectMeta Metadata { get; set; } = new();

    public PodSpec? Spec { get; set; }

    public PodStatus? Status { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class PodStatus
{
    /// <summary>"Pending", "Running", "Succeeded", "Failed" or "Unknown".</summary>
    public string? Phase { get; set; }

    public List<Condition>? Conditions { get; set; }

    [JsonPropertyName("podIP")]
    public string? PodIP { get; set; }

    [JsonPropertyName("hostIP")]
    public string? HostIP { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }

    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? StartTime { get; set; }

    public List<ContainerStatus>? ContainerStatuses { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ContainerStatus
{
    public string? Name { get; set; }

    public bool? Ready { get; set; }

    public bool? Started { get; set; }

    public int? RestartCount { get; set; }

    public string? Image { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
