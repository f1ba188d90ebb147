using System.Text.Json.Serialization;

namespace Modelship.Api.Routing;

/// <summary>Where the router reads a routing key from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KeySource>))]
public enum KeySource
{
    /// <summary>An HTTP request header (first value).</summary>
    [JsonStringEnumMemberName("header")]
    Header,

    /// <summary>The first element of a named input tensor of the V2 inference request.</summary>
    [JsonStringEnumMemberName("input")]
    Input,
}
