using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Metrics;

/// <summary>One <c>modelship_modeldeployment_condition</c> series: 1 for the status the condition has, 0 for the others.</summary>
public readonly record struct ConditionSeries(string Type, string Status, int Value);

/// <summary>One <c>modelship_modeldeployment_traffic_ratio</c> series: the share of requests a version answers.</summary>
public readonly record struct TrafficSeries(string Version, string Role, double Ratio);

/// <summary>
/// Pure: the series that describe one ModelDeployment's state, read from its spec and status (as kube-state-metrics
/// does for Deployments). Label values come from the object, never from requests, so their number is bounded by the
/// ModelDeployments and the versions they declare.
/// </summary>
public static class ModelDeploymentSeries
{
    public static readonly IReadOnlyList<string> Statuses = [nameof(ConditionStatus.True), nameof(ConditionStatus.False), nameof(ConditionStatus.Unknown)];

    /// <summary>Every condition type times True/False/Unknown; a condition not reported yet counts as Unknown.</summary>
    public static IEnumerable<ConditionSeries> Conditions(MD deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        foreach (var type in ConditionTypes.All)
        {
            var status = (ConditionList.Find(deployment.Status?.Conditions, type)?.Status ?? ConditionStatus.Unknown).ToString();
            foreach (var candidate in Statuses)
            {
                yield return new ConditionSeries(type, candidate, candidate == status ? 1 : 0);
            }
        }
    }

    /// <summary>The 99th-percentile latency the ModelDeployment declares (spec.rollout.analysis.maxLatencyP99), in seconds.</summary>
    public static double? LatencyTargetSeconds(MD deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return DurationParser.TryParse(deployment.Spec?.Rollout?.Analysis?.MaxLatencyP99, out var target) ? target.TotalSeconds : null;
    }

    /// <summary>The split the routers apply (status.traffic), as ratios 0-1.</summary>
    public static IEnumerable<TrafficSeries> Traffic(MD deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return (deployment.Status?.Traffic ?? []).Select(t => new TrafficSeries(t.Version, RoleName(t.Role), t.Weight / 100.0));
    }

    private static string RoleName(TrafficRole role) => role switch
    {
        TrafficRole.Champion => "champion",
        TrafficRole.Challenger => "challenger",
        TrafficRole.Canary => "canary",
        _ => "shadow",
    };
}
