using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>One version's service stats in one role, per window.</summary>
public sealed record VersionServiceStatsStatus
{
    [Description("Version of the model.")]
    public required string Version { get; init; }

    [Description("Role of the version in the routing table: champion, challenger or shadow.")]
    public required string Role { get; init; }

    [Description("Windows has one entry per window: 1m, 1h and 24h.")]
    [MaxItems(3)]
    public IReadOnlyList<WindowServiceStatsStatus>? Windows { get; init; }
}
