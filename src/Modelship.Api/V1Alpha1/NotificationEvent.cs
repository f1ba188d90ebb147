using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>What a notification reacts to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationEvent>))]
public enum NotificationEvent
{
    /// <summary>A new version received traffic for the first time (canary, mirror or all of it).</summary>
    RolloutStarted,

    /// <summary>The new version became the champion.</summary>
    RolloutSucceeded,

    /// <summary>A rollout ended without the new version becoming the champion (aborted, failed analysis, deadline).</summary>
    RolloutAborted,

    /// <summary>A RefreshSchedule run targeting this ModelDeployment ended Rejected.</summary>
    PromotionRejected,

    /// <summary>The Drifting condition turned True.</summary>
    Drifting,

    /// <summary>The AccuracyDegraded condition turned True.</summary>
    AccuracyDegraded,

    /// <summary>status.accuracy.actualsReceived grew by at least actualsThreshold since the last time this fired.</summary>
    ActualsThreshold,
}
