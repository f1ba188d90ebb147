using System.Globalization;
using k8s.Models;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// The HorizontalPodAutoscaler of one serving Deployment (a version's runtime, or the router), named like it. Written
/// as <c>autoscaling/v2beta2</c>: served from Kubernetes 1.12 to 1.25, where autoscaling/v2 is not yet served before
/// 1.23 (the test API server is 1.20); the V2 types' JSON is v2beta2's for every field used here.
/// </summary>
public static class HorizontalPodAutoscalerBuilder
{
    public const string ApiVersion = "autoscaling/v2beta2";
    public const string Kind = "HorizontalPodAutoscaler";

    /// <summary>The pods metric the metrics adapter serves (docs/autoscaling.md): the rate of modelship_requests_total per pod.</summary>
    public const string RequestsPerSecondMetric = "modelship_requests_per_second";

    public static readonly Modelship.Kubernetes.Models.ResourceType Resource = new("autoscaling", "v2beta2", Kind, "horizontalpodautoscalers", Namespaced: true);

    /// <param name="target">The Deployment it scales (its metadata: name, namespace, labels, owner).</param>
    public static V2HorizontalPodAutoscaler Build(V1Deployment target, AutoscalingSpec autoscaling)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(autoscaling);
        List<V2MetricSpec> metrics = [];
        if (autoscaling.Metrics.CpuUtilization is { } cpu)
        {
            metrics.Add(new V2MetricSpec
            {
                Type = "Resource",
                Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = cpu } },
            });
        }
        if (autoscaling.Metrics.RequestsPerSecond is { } rps)
        {
            metrics.Add(new V2MetricSpec
            {
                Type = "Pods",
                Pods = new V2PodsMetricSource
                {
                    Metric = new V2MetricIdentifier { Name = RequestsPerSecondMetric },
                    Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity(Milli(rps)) },
                },
            });
        }
        return new V2HorizontalPodAutoscaler
        {
            ApiVersion = ApiVersion,
            Kind = Kind,
            Metadata = new V1ObjectMeta
            {
                Name = target.Metadata.Name,
                NamespaceProperty = target.Metadata.NamespaceProperty,
                Labels = target.Metadata.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : null,
                OwnerReferences = target.Metadata.OwnerReferences,
            },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = target.Metadata.Name },
                MinReplicas = autoscaling.MinReplicas ?? 1,
                MaxReplicas = autoscaling.MaxReplicas,
                Metrics = metrics,
            },
        };
    }

    /// <summary>A quantity in thousandths (2.5 → "2500m"): exact for the fractions a target per pod needs.</summary>
    private static string Milli(double value) => ((long)Math.Round(value * 1000)).ToString(CultureInfo.InvariantCulture) + "m";
}
