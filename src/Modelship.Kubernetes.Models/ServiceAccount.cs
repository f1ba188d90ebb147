using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

public sealed class ServiceAccount : IKubernetesResource<ServiceAccount>
{
    public static ResourceType Resource { get; } = new("", "v1", "ServiceAccount", "serviceaccounts", Namespaced: true);

    public string ApiVersion { get; set; } = "v1";

    public string Kind { get; set; } = "ServiceAccount";

    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Whether pods using this account get its token by default; a pod's own setting wins.</summary>
    public bool? AutomountServiceAccountToken { get; set; }

    /// <summary>secrets and imagePullSecrets are not modeled; kept as written by the server.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
