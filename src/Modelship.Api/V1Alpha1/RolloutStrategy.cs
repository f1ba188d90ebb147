using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>How a new champion takes over.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RolloutStrategy>))]
public enum RolloutStrategy
{
    /// <summary>All traffic moves to the new version once it is ready.</summary>
    Replace,

    /// <summary>Traffic moves to the new version in steps, with analysis between them.</summary>
    Canary,
}
