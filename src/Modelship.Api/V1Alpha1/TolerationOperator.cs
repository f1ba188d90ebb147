using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>How a toleration's key relates to its value.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TolerationOperator>))]
public enum TolerationOperator
{
    /// <summary>The taint's value must equal the toleration's value.</summary>
    Equal,

    /// <summary>Any value of the key matches.</summary>
    Exists,
}
