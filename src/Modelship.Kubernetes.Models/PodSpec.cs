using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

/// <summary>The parts of a pod spec the operator sets or reads; the rest round-trips through <see cref="Extra"/>.</summary>
public sealed class PodSpec
{
    public List<Container>? Containers { get; set; }

    public List<Container>? InitContainers { get; set; }

    public List<Volume>? Volumes { get; set; }

    public PodSecurityContext? SecurityContext { get; set; }

    public string? ServiceAccountName { get; set; }

    public bool? AutomountServiceAccountToken { get; set; }

    public string? RestartPolicy { get; set; }

    public long? TerminationGracePeriodSeconds { get; set; }

    public Dictionary<string, string>? NodeSelector { get; set; }

    public List<Toleration>? Tolerations { get; set; }

    public JsonObject? Affinity { get; set; }

    public List<LocalObjectReference>? ImagePullSecrets { get; set; }

    public string? PriorityClassName { get; set; }

    public string? NodeName { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class PodTemplateSpec
{
    public V1ObjectMeta? Metadata { get; set; }

    public PodSpec? Spec { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class PodSecurityContext
{
    public long? RunAsUser { get; set; }

    public long? RunAsGroup { get; set; }

    public bool? RunAsNonRoot { get; set; }

    public long? FsGroup { get; set; }

    public List<long>? SupplementalGroups { get; set; }

    public SeccompProfile? SeccompProfile { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class Toleration
{
    public string? Key { get; set; }

    public string? Operator { get; set; }

    public string? Value { get; set; }

    public string? Effect { get; set; }

    public long? TolerationSeconds { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class LocalObjectReference
{
    public string? Name { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
