using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>The distance compared with spec.monitoring.drift.threshold.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DriftMetric>))]
public enum DriftMetric
{
    /// <summary>Population stability index.</summary>
    [JsonStringEnumMemberName("psi")]
    Psi,

    /// <summary>Hellinger distance, 0 to 1.</summary>
    [JsonStringEnumMemberName("hellinger")]
    Hellinger,
}
