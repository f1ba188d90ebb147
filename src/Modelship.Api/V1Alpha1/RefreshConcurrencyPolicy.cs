using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>What a run does while the target is still rolling out a version.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshConcurrencyPolicy>))]
public enum RefreshConcurrencyPolicy
{
    /// <summary>Skip the run; the rollout in progress finishes.</summary>
    Forbid,

    /// <summary>Make the new candidate the champion in place of the version being rolled out.</summary>
    Replace,
}
