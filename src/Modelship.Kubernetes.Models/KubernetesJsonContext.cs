using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(KubernetesDateTimeConverter)])]
[JsonSerializable(typeof(V1Status))]
[JsonSerializable(typeof(GenericObject))]
[JsonSerializable(typeof(KubernetesList<GenericObject>))]
[JsonSerializable(typeof(V1Namespace))]
[JsonSerializable(typeof(KubernetesList<V1Namespace>))]
[JsonSerializable(typeof(V1ConfigMap))]
[JsonSerializable(typeof(KubernetesList<V1ConfigMap>))]
[JsonSerializable(typeof(V1Secret))]
[JsonSerializable(typeof(KubernetesList<V1Secret>))]
[JsonSerializable(typeof(V1Service))]
[JsonSerializable(typeof(KubernetesList<V1Service>))]
[JsonSerializable(typeof(V1Deployment))]
[JsonSerializable(typeof(KubernetesList<V1Deployment>))]
[JsonSerializable(typeof(V2HorizontalPodAutoscaler))]
[JsonSerializable(typeof(KubernetesList<V2HorizontalPodAutoscaler>))]
[JsonSerializable(typeof(V1Pod))]
[JsonSerializable(typeof(KubernetesList<V1Pod>))]
[JsonSerializable(typeof(V1Job))]
[JsonSerializable(typeof(KubernetesList<V1Job>))]
[JsonSerializable(typeof(V1Lease))]
[JsonSerializable(typeof(KubernetesList<V1Lease>))]
[JsonSerializable(typeof(Corev1Event))]
[JsonSerializable(typeof(KubernetesList<Corev1Event>))]
[JsonSerializable(typeof(V1ServiceAccount))]
[JsonSerializable(typeof(KubernetesList<V1ServiceAccount>))]
[JsonSerializable(typeof(V1RoleBinding))]
[JsonSerializable(typeof(KubernetesList<V1RoleBinding>))]
[JsonSerializable(typeof(V1Role))]
[JsonSerializable(typeof(KubernetesList<V1Role>))]
[JsonSerializable(typeof(V1ClusterRole))]
[JsonSerializable(typeof(KubernetesList<V1ClusterRole>))]
[JsonSerializable(typeof(CustomResourceDefinition))]
[JsonSerializable(typeof(KubernetesList<CustomResourceDefinition>))]
[JsonSerializable(typeof(List<V1PolicyRule>))]
[JsonSerializable(typeof(V1DeleteOptions))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;
