using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(KubernetesDateTimeConverter)])]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(GenericObject))]
[JsonSerializable(typeof(KubernetesList<GenericObject>))]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(KubernetesList<Namespace>))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(KubernetesList<ConfigMap>))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(KubernetesList<Service>))]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(KubernetesList<Deployment>))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(KubernetesList<Pod>))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(KubernetesList<Lease>))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(KubernetesList<Event>))]
[JsonSerializable(typeof(ServiceAccount))]
[JsonSerializable(typeof(KubernetesList<ServiceAccount>))]
[JsonSerializable(typeof(RoleBinding))]
[JsonSerializable(typeof(KubernetesList<RoleBinding>))]
[JsonSerializable(typeof(Role))]
[JsonSerializable(typeof(KubernetesList<Role>))]
[JsonSerializable(typeof(ClusterRole))]
[JsonSerializable(typeof(KubernetesList<ClusterRole>))]
[JsonSerializable(typeof(CustomResourceDefinition))]
[JsonSerializable(typeof(KubernetesList<CustomResourceDefinition>))]
[JsonSerializable(typeof(DeleteOptionsBody))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;
