using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>Where a routing key is read from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrafficKeySource>))]
public enum TrafficKeySource
{
    /// <summary>An HTTP request header (its first value).</summary>
    [JsonStringEnumMemberName("header")]
    Header,

    /// <summary>The first element of a named input of the V2 inference request.</summary>
    [JsonStringEnumMemberName("input")]
    Input,
}
