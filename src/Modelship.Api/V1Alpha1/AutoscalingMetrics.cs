using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>The per-replica targets a HorizontalPodAutoscaler keeps.</summary>
public sealed record AutoscalingMetrics
{
    [Description("CpuUtilization is the target average CPU use of the pods, in percent of their CPU request (the pods need a CPU request: spec.resources.requests.cpu).")]
    [Minimum(1)]
    public int? CpuUtilization { get; init; }

    [Description("RequestsPerSecond is the target average of requests per second per pod, read from the pods metric modelship_requests_per_second; it needs a metrics adapter such as Prometheus Adapter with the rule in docs/autoscaling.md.")]
    [Minimum(0.001)]
    public double? RequestsPerSecond { get; init; }
}
