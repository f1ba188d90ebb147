using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>What the notifications last fired on, so an operator restart neither fires them again nor forgets them.</summary>
public sealed record NotificationStatus
{
    [Description("ActualsAtLastTrigger maps each notification with the ActualsThreshold event to status.accuracy.actualsReceived when it last fired (or when it was first seen); it fires again once actualsReceived grew by its actualsThreshold.")]
    public IReadOnlyDictionary<string, long>? ActualsAtLastTrigger { get; init; }

    [Description("DriftingSince is the lastTransitionTime of the Drifting=True condition the Drifting event last fired for.")]
    public DateTimeOffset? DriftingSince { get; init; }

    [Description("AccuracyDegradedSince is the lastTransitionTime of the AccuracyDegraded=True condition the AccuracyDegraded event last fired for.")]
    public DateTimeOffset? AccuracyDegradedSince { get; init; }
}
