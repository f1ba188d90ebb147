using System.Diagnostics.Metrics;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Metrics;

/// <summary>
/// The per-ModelDeployment series on a Meter named <see cref="MeterName"/>, observed at each scrape from the informer
/// cache (so every replica, leader or not, reports the state it sees, and a deleted ModelDeployment's series vanish
/// with it) and from the <see cref="RolloutCounts"/> the reconciler keeps. Each controller owns its Meter instance.
/// </summary>
public sealed class ModelDeploymentMetrics : IDisposable
{
    public const string MeterName = "Modelship.Operator.ModelDeployment";

    public const string ConditionName = "modelship_modeldeployment_condition";
    public const string LatencyTargetName = "modelship_modeldeployment_latency_target_seconds";
    public const string TrafficRatioName = "modelship_modeldeployment_traffic_ratio";
    public const string RolloutsName = "modelship_rollouts_total";

    private readonly ObjectCache<MD> _deployments;
    private readonly RolloutCounts _rollouts;

    public ModelDeploymentMetrics(ObjectCache<MD> deployments, RolloutCounts rollouts)
    {
        _deployments = deployments;
        _rollouts = rollouts;
        Meter = new Meter(MeterName);
        Meter.CreateObservableGauge(ConditionName, ObserveConditions, description: "1 for the status (True, False, Unknown) each condition of a ModelDeployment has, else 0.");
        Meter.CreateObservableGauge(LatencyTargetName, ObserveLatencyTargets, unit: "s", description: "The 99th-percentile latency a ModelDeployment declares in spec.rollout.analysis.maxLatencyP99.");
        Meter.CreateObservableGauge(TrafficRatioName, ObserveTraffic, description: "Share (0-1) of the requests each version of a ModelDeployment answers, from status.traffic; shadows 0.");
        Meter.CreateObservableCounter(RolloutsName, ObserveRollouts, description: "Rollouts of a new champion this process ended, by result: completed, aborted (an analysis threshold was crossed or a user aborted it) or failed (the new version never became Available or failed a replacement check).");
    }

    public Meter Meter { get; }

    public void Dispose() => Meter.Dispose();

    private IEnumerable<Measurement<int>> ObserveConditions() =>
        _deployments.List().SelectMany(d => ModelDeploymentSeries.Conditions(d).Select(c =>
            new Measurement<int>(c.Value, Tags(d, ("type", c.Type), ("status", c.Status)))));

    private IEnumerable<Measurement<double>> ObserveLatencyTargets()
    {
        foreach (var deployment in _deployments.List())
        {
            if (ModelDeploymentSeries.LatencyTargetSeconds(deployment) is { } target)
            {
                yield return new Measurement<double>(target, Tags(deployment));
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveTraffic() =>
        _deployments.List().SelectMany(d => ModelDeploymentSeries.Traffic(d).Select(t =>
            new Measurement<double>(t.Ratio, Tags(d, ("version", t.Version), ("role", t.Role)))));

    private IEnumerable<Measurement<long>> ObserveRollouts()
    {
        var deployments = _deployments.List();
        _rollouts.KeepOnly(deployments.Select(ObjectKey.From).ToHashSet());
        return deployments.SelectMany(d => RolloutResults.All.Select(result =>
            new Measurement<long>(_rollouts.Count(ObjectKey.From(d), result), Tags(d, ("result", result)))));
    }

    /// <summary>The object's labels, named as kube-state-metrics names them (<c>namespace</c>, then the kind), plus <paramref name="extra"/>.</summary>
    private static KeyValuePair<string, object?>[] Tags(MD deployment, params (string Name, string Value)[] extra) =>
        [new("namespace", deployment.Metadata.NamespaceProperty), new("modeldeployment", deployment.Metadata.Name), .. extra.Select(e => new KeyValuePair<string, object?>(e.Name, e.Value))];
}
