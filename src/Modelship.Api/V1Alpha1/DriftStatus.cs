using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Drift against the training reference per version, as the routers last reported it.</summary>
public sealed record DriftStatus
{
    [Description("UpdatedAt is when the operator last read router reports that changed this summary.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    [Description("Versions has one entry per version with a live window (at most 10).")]
    [MaxItems(ServiceStatsStatus.MaxVersions)]
    public IReadOnlyList<VersionDriftStatus>? Versions { get; init; }
}
