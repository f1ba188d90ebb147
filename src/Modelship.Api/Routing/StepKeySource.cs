using System.Text.Json.Serialization;

namespace Modelship.Api.Routing;

/// <summary>Where a pipeline step reads its key.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepKeySource>))]
public enum StepKeySource
{
    /// <summary>An element of a tensor entering the step.</summary>
    [JsonStringEnumMemberName("input")]
    Input,

    /// <summary>An HTTP request header (its first value).</summary>
    [JsonStringEnumMemberName("header")]
    Header,

    /// <summary>A key of the V2 request's <c>parameters</c> (its string, number or bool value as text).</summary>
    [JsonStringEnumMemberName("parameter")]
    Parameter,
}
