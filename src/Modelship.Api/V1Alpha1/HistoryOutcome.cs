using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>What became of a version recorded in the history.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HistoryOutcome>))]
public enum HistoryOutcome
{
    /// <summary>It is the champion now.</summary>
    Active,

    /// <summary>A newer version took over.</summary>
    Replaced,

    /// <summary>Its rollout was aborted and the previous version kept.</summary>
    RolledBack,

    /// <summary>It could not be deployed (fetch, validation or runtime failure).</summary>
    Failed,
}
