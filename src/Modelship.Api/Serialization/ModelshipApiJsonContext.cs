using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Models;

namespace Modelship.Api.Serialization;

/// <summary>
/// Source-generated JSON metadata for the modelship.dev API types: camelCase, nulls omitted, times as metav1.Time.
/// Unknown properties are ignored so that an older operator reads objects written against a newer schema.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(KubernetesTimeConverter), typeof(KubernetesDateTimeConverter)])]
[JsonSerializable(typeof(ModelDeployment))]
[JsonSerializable(typeof(KubernetesList<ModelDeployment>))]
[JsonSerializable(typeof(ModelDeploymentSpec))]
[JsonSerializable(typeof(ModelDeploymentStatus))]
[JsonSerializable(typeof(Pipeline))]
[JsonSerializable(typeof(KubernetesList<Pipeline>))]
[JsonSerializable(typeof(PipelineSpec))]
[JsonSerializable(typeof(PipelineStatus))]
[JsonSerializable(typeof(RefreshSchedule))]
[JsonSerializable(typeof(KubernetesList<RefreshSchedule>))]
[JsonSerializable(typeof(RefreshScheduleSpec))]
[JsonSerializable(typeof(RefreshScheduleStatus))]
[JsonSerializable(typeof(ServingRuntime))]
[JsonSerializable(typeof(KubernetesList<ServingRuntime>))]
[JsonSerializable(typeof(ServingRuntimeSpec))]

// metadata.managedFields[].fieldsV1 is typed object in the package's V1ObjectMeta: it holds a JsonElement.
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ModelshipApiJsonContext : JsonSerializerContext
{
    /// <summary>Parses a ModelDeployment from JSON; throws <see cref="JsonException"/> when it is malformed.</summary>
    public static ModelDeployment ParseModelDeployment(string json) =>
        JsonSerializer.Deserialize(json, Default.ModelDeployment) ?? throw new JsonException("a ModelDeployment must not be null");

    /// <summary>Parses a Pipeline from JSON; throws <see cref="JsonException"/> when it is malformed.</summary>
    public static Pipeline ParsePipeline(string json) =>
        JsonSerializer.Deserialize(json, Default.Pipeline) ?? throw new JsonException("a Pipeline must not be null");

    /// <summary>Parses a RefreshSchedule from JSON; throws <see cref="JsonException"/> when it is malformed.</summary>
    public static RefreshSchedule ParseRefreshSchedule(string json) =>
        JsonSerializer.Deserialize(json, Default.RefreshSchedule) ?? throw new JsonException("a RefreshSchedule must not be null");

    /// <summary>Parses a ServingRuntime from JSON; throws <see cref="JsonException"/> when it is malformed.</summary>
    public static ServingRuntime ParseServingRuntime(string json) =>
        JsonSerializer.Deserialize(json, Default.ServingRuntime) ?? throw new JsonException("a ServingRuntime must not be null");

    /// <summary>
    /// Serializer options for the Kubernetes client that know the built-in kinds and the modelship.dev kinds, so
    /// <c>client.For&lt;ModelDeployment&gt;()</c> can read, list, watch and apply them.
    /// </summary>
    public static JsonSerializerOptions KubernetesClientOptions => ClientOptions.Value;

    private static readonly Lazy<JsonSerializerOptions> ClientOptions = new(() => KubernetesJsonOptions.Create(Default!));

    /// <summary>Serializes a ModelDeployment to compact JSON.</summary>
    public static string Serialize(ModelDeployment deployment) => JsonSerializer.Serialize(deployment, Default.ModelDeployment);
}
