using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>The result of a replacement check; ordered from best to worst.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ValidationResult>))]
public enum ValidationResult
{
    /// <summary>The check found nothing wrong.</summary>
    [JsonStringEnumMemberName("passing")]
    Passing,

    /// <summary>The replacement is allowed, with a finding people should look at.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>The replacement is refused.</summary>
    [JsonStringEnumMemberName("failing")]
    Failing,
}
