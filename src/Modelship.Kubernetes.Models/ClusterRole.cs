using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

public sealed class ClusterRole : IKubernetesResource<ClusterRole>
{
    public static ResourceType Resource { get; } = new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", Namespaced: false);

    public string ApiVersion { get; set; } = "rbac.authorization.k8s.io/v1";

    public string Kind { get; set; } = "ClusterRole";

    public V1ObjectMeta Metadata { get; set; } = new();

    public List<PolicyRule>? Rules { get; set; }

    /// <summary>aggregationRule is not modeled; kept as written by the server.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Verbs allowed on resources of API groups, optionally only on named objects (rbacv1.PolicyRule).</summary>
public sealed class PolicyRule
{
    /// <summary>"" is the core group.</summary>
    public List<string>? ApiGroups { get; set; }

    /// <summary>Plural resource names; "deployments/status" for a subresource.</summary>
    public List<string>? Resources { get; set; }

    public List<string>? ResourceNames { get; set; }

    public List<string> Verbs { get; set; } = [];

    [JsonPropertyName("nonResourceURLs")]
    public List<string>? NonResourceURLs { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
