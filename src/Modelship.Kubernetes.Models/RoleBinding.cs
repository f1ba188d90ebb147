using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

/// <summary>Grants the permissions of a Role or ClusterRole to subjects, within the binding's namespace.</summary>
public sealed class RoleBinding : IKubernetesResource<RoleBinding>
{
    public static ResourceType Resource { get; } = new("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", Namespaced: true);

    public string ApiVersion { get; set; } = "rbac.authorization.k8s.io/v1";

    public string Kind { get; set; } = "RoleBinding";

    public V1ObjectMeta Metadata { get; set; } = new();

    public List<RbacSubject>? Subjects { get; set; }

    /// <summary>Immutable once created: the server rejects a change of the referenced role.</summary>
    public RoleRef RoleRef { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Who a binding grants to (rbacv1.Subject).</summary>
public sealed class RbacSubject
{
    /// <summary>"ServiceAccount", "User" or "Group".</summary>
    public string Kind { get; set; } = "";

    /// <summary>"" for ServiceAccount, "rbac.authorization.k8s.io" for User and Group.</summary>
    public string? ApiGroup { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The ServiceAccount's namespace.</summary>
    public string? Namespace { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class RoleRef
{
    public string ApiGroup { get; set; } = "rbac.authorization.k8s.io";

    /// <summary>"Role" or "ClusterRole".</summary>
    public string Kind { get; set; } = "";

    public string Name { get; set; } = "";

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
