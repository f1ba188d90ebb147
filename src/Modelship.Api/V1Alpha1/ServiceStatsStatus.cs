using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Requests, errors and latency per version and role, summed over the router Pods.</summary>
public sealed record ServiceStatsStatus
{
    public const int MaxVersions = 10;

    [Description("UpdatedAt is when the operator last read router reports that changed these figures.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    [Description("Versions has one entry per version and role the routers served (at most 10).")]
    [MaxItems(MaxVersions)]
    public IReadOnlyList<VersionServiceStatsStatus>? Versions { get; init; }
}
