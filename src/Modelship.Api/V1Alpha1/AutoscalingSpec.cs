using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// Replicas decided by a HorizontalPodAutoscaler per serving Deployment (each model version's runtime and the router)
/// instead of spec.replicas; the operator then never sets replicas itself, except to zero while suspended.
/// </summary>
public sealed record AutoscalingSpec
{
    [Description("MinReplicas is the fewest pods per serving Deployment (each model version's runtime, and the router). Defaults to 1.")]
    [Minimum(1)]
    public int? MinReplicas { get; init; }

    [Description("MaxReplicas is the most pods per serving Deployment.")]
    [Minimum(1)]
    public required int MaxReplicas { get; init; }

    [Description("Metrics the autoscaler scales on; at least one. Both: the larger replica count wins.")]
    public required AutoscalingMetrics Metrics { get; init; }
}
