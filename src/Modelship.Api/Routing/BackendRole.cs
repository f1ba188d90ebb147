using System.Text.Json.Serialization;

namespace Modelship.Api.Routing;

/// <summary>What a backend does for the traffic of a routed model.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackendRole>))]
public enum BackendRole
{
    /// <summary>The production version; it receives every request the challengers do not take.</summary>
    [JsonStringEnumMemberName("champion")]
    Champion,

    /// <summary>A candidate version that answers its <see cref="RoutingBackend.Weight"/> percent of the callers.</summary>
    [JsonStringEnumMemberName("challenger")]
    Challenger,

    /// <summary>A version that receives a copy of every request; its answers are compared, never returned.</summary>
    [JsonStringEnumMemberName("shadow")]
    Shadow,
}
