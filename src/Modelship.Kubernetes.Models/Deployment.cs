using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

public sealed class Deployment : IKubernetesResource<Deployment>
{
    public static ResourceType Resource { get; } = new("apps", "v1", "Deployment", "deployments", Namespaced: true);

    public string ApiVersion { get; set; } = "apps/v1";

    public string Kind { get; set; } = "Deployment";

    public V1ObjectMeta Metadata { get; set; } = new();

    public DeploymentSpec? Spec { get; set; }

    public DeploymentStatus? Status { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class DeploymentSpec
{
    /// <summary>Leave null when an autoscaler owns the replica count.</summary>
    public int? Replicas { get; set; }

    public LabelSelector? Selector { get; set; }

    public PodTemplateSpec? Template { get; set; }

    public DeploymentStrategy? Strategy { get; set; }

    public int? MinReadySeconds { get; set; }

    public int? RevisionHistoryLimit { get; set; }

    public int? ProgressDeadlineSeconds { get; set; }

    public bool? Paused { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class DeploymentStrategy
{
    /// <summary>"RollingUpdate" or "Recreate".</summary>
    public string? Type { get; set; }

    public RollingUpdateDeployment? RollingUpdate { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class RollingUpdateDeployment
{
    public IntOrString? MaxSurge { get; set; }

    public IntOrString? MaxUnavailable { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class DeploymentStatus
{
    public long? ObservedGeneration { get; set; }

    public int? Replicas { get; set; }

    public int? UpdatedReplicas { get; set; }

    public int? ReadyReplicas { get; set; }

    public int? AvailableReplicas { get; set; }

    public int? UnavailableReplicas { get; set; }

    public List<Condition>? Conditions { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
