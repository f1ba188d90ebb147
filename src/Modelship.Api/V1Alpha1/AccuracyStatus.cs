using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>Accuracy from actual outcomes joined with predictions, as the routers last reported it.</summary>
public sealed record AccuracyStatus
{
    /// <summary>When the operator last read the routers' reports.</summary>
    [Description("UpdatedAt is when the operator last read router reports that changed this summary.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Actuals accepted by the routers since the ModelDeployment was created; never decreases.</summary>
    [Description("ActualsReceived counts the actual outcomes the routers accepted (POST /v2/models/{name}/actuals) since the ModelDeployment was created; it never decreases, also when a router restarts.")]
    public long? ActualsReceived { get; init; }

    /// <summary>Per version metrics, bounded.</summary>
    [Description("Versions has one entry per version with joined actuals (at most 10).")]
    [Schema.MaxItems(ServiceStatsStatus.MaxVersions)]
    public IReadOnlyList<VersionAccuracyStatus>? Versions { get; init; }
}
