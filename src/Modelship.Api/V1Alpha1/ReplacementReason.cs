using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>Why a champion was replaced, kept for bookkeeping.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplacementReason>))]
public enum ReplacementReason
{
    /// <summary>The new model is more accurate.</summary>
    [JsonStringEnumMemberName("ACCURACY")]
    Accuracy,

    /// <summary>The input data drifted away from the training data.</summary>
    [JsonStringEnumMemberName("DATA_DRIFT")]
    DataDrift,

    /// <summary>The old model produced errors.</summary>
    [JsonStringEnumMemberName("ERRORS")]
    Errors,

    /// <summary>A periodic retraining.</summary>
    [JsonStringEnumMemberName("SCHEDULED_REFRESH")]
    ScheduledRefresh,

    /// <summary>The new model answers faster.</summary>
    [JsonStringEnumMemberName("SCORING_SPEED")]
    ScoringSpeed,

    /// <summary>Any other reason.</summary>
    [JsonStringEnumMemberName("OTHER")]
    Other,
}
