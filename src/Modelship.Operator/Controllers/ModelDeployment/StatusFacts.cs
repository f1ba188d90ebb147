using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>What one reconcile established, from which <see cref="StatusBuilder"/> derives status.</summary>
public sealed record StatusFacts
{
    public required DateTimeOffset Now { get; init; }

    public required bool Suspended { get; init; }

    public required VersionPlan Plan { get; init; }

    /// <summary>The champion serving traffic after this reconcile, when there is one.</summary>
    public ModelVersionStatus? Active { get; init; }

    public required IReadOnlyList<ModelHistoryEntry> History { get; init; }

    public ReplacementValidationStatus? ReplacementValidation { get; init; }

    /// <summary>The routing table now in the ConfigMap, or null when none was written yet.</summary>
    public RoutingTable? Table { get; init; }

    public long? ServedGeneration { get; init; }

    /// <summary>When every ready router was first seen serving <see cref="Table"/> (<see cref="ServedGeneration.Since"/>).</summary>
    public DateTimeOffset? ServedSince { get; init; }

    public required bool ChampionAvailable { get; init; }

    public required int ReadyChallengers { get; init; }

    public required int DeclaredChallengers { get; init; }

    public required string Endpoint { get; init; }

    /// <summary>The rollout's reason and message while a replacement is in progress.</summary>
    public (string Reason, string Message)? Rollout { get; init; }

    /// <summary>Why routers cannot work (their ClusterRole is missing), when that is so.</summary>
    public string? RouterProblem { get; init; }

    /// <summary>Which Secret of spec.auth is missing, when one is.</summary>
    public string? AuthProblem { get; init; }

    /// <summary>The monitoring summaries and conditions (<see cref="Monitoring.MonitoringStatus"/>); null when spec.monitoring is not set.</summary>
    public Monitoring.MonitoringStatusParts? Monitoring { get; init; }

    /// <summary>Why the last replacement failed, while the spec still asks for the failed version.</summary>
    public (string Reason, string Message)? Failure { get; init; }

    /// <summary>The current canary step's analysis window (status.canaryWindow); null when none runs.</summary>
    public CanaryWindowStatus? CanaryWindow { get; init; }
}
