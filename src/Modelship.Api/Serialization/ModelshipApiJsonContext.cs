using System.Text.Json;
using System.Text.Json.Serialization;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Serialization;

/// <summary>
/// Source-generated JSON metadata for the modelship.dev API types: camelCase, nulls omitted, times as metav1.Time.
/// Unknown properties are ignored so that an older operator reads objects written against a newer schema.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(KubernetesTimeConverter)])]
[JsonSerializable(typeof(ModelDeployment))]
[JsonSerializable(typeof(ModelDeploymentSpec))]
[JsonSerializable(typeof(ModelDeploymentStatus))]
public sealed partial class ModelshipApiJsonContext : JsonSerializerContext
{
    /// <summary>Parses a ModelDeployment from JSON; throws <see cref="JsonException"/> when it is malformed.</summary>
    public static ModelDeployment ParseModelDeployment(string json) =>
        JsonSerializer.Deserialize(json, Default.ModelDeployment) ?? throw new JsonException("a ModelDeployment must not be null");

    /// <summary>Serializes a ModelDeployment to compact JSON.</summary>
    public static string Serialize(ModelDeployment deployment) => JsonSerializer.Serialize(deployment, Default.ModelDeployment);
}
