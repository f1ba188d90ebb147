using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>Where a pipeline step reads a routing key from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MetaKeySource>))]
public enum MetaKeySource
{
    /// <summary>An element of a tensor entering the step.</summary>
    [JsonStringEnumMemberName("input")]
    Input,

    /// <summary>An HTTP request header (its first value).</summary>
    [JsonStringEnumMemberName("header")]
    Header,

    /// <summary>A key of the V2 request's <c>parameters</c>.</summary>
    [JsonStringEnumMemberName("parameter")]
    Parameter,
}
