using k8s.Models;
namespace Modelship.Kubernetes.Models;

/// <summary>rbac.authorization.k8s.io/v1 Role: the rules of a <see cref="ClusterRole"/>, granted in one namespace.</summary>
public sealed class Role : IKubernetesResource<Role>
{
    public static ResourceType Resource { get; } = new("rbac.authorization.k8s.io", "v1", "Role", "roles", Namespaced: true);

    public string ApiVersion { get; set; } = "rbac.authorization.k8s.io/v1";

    public string Kind { get; set; } = "Role";

    public V1ObjectMeta Metadata { get; set; } = new();

    public List<PolicyRule>? Rules { get; set; }
}
