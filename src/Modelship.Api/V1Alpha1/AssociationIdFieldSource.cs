using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>Where a request's association id is read.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssociationIdFieldSource>))]
public enum AssociationIdFieldSource
{
    /// <summary>A key of the V2 request's <c>parameters</c> object.</summary>
    [JsonStringEnumMemberName("parameter")]
    Parameter,

    /// <summary>The first element of a named input tensor.</summary>
    [JsonStringEnumMemberName("input")]
    Input,

    /// <summary>An HTTP request header (its first value).</summary>
    [JsonStringEnumMemberName("header")]
    Header,
}
