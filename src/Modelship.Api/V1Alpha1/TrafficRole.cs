using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>What a backend does with the traffic.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrafficRole>))]
public enum TrafficRole
{
    /// <summary>Answers what the others leave.</summary>
    [JsonStringEnumMemberName("champion")]
    Champion,

    /// <summary>Answers its weight of the requests.</summary>
    [JsonStringEnumMemberName("challenger")]
    Challenger,

    /// <summary>A new champion taking traffic in canary steps.</summary>
    [JsonStringEnumMemberName("canary")]
    Canary,

    /// <summary>Receives a copy of every request, never answers.</summary>
    [JsonStringEnumMemberName("shadow")]
    Shadow,
}
