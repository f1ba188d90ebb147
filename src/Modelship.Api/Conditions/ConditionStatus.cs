using System.Text.Json.Serialization;

namespace Modelship.Api.Conditions;

/// <summary>Whether a condition holds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConditionStatus>))]
public enum ConditionStatus
{
    True,
    False,
    Unknown,
}
