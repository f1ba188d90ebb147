using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.Comparison;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.RefreshSchedule.Trial;

/// <summary>The champion's and the candidate's counters read from the target's routers at one moment.</summary>
public sealed record TrialCounters(RefreshTrafficCounters Champion, RefreshTrafficCounters Candidate);

/// <summary>
/// Reads a trial's counters from the <c>/metrics</c> of every ready router Pod of the target (listed when needed, at
/// the start and end of a window, not cached), as the canary analysis of a ModelDeployment does, summed over the
/// routers. A router that does not answer makes the read fail: part of the traffic must not be judged as the whole.
/// </summary>
public sealed class TrialRouterMetrics(HttpClient http, ResourceClient<V1Pod> pods, ModelDeploymentBuildOptions build)
{
    /// <summary>The counters, or null and why when a router could not be read.</summary>
    public async Task<(TrialCounters? Counters, string? Failure)> ReadAsync(MD target, RefreshTrial trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(trial);
        var name = target.Metadata.Name!;
        var listed = await pods.ListAsync(
            target.Metadata.NamespaceProperty,
            new ListOptions { LabelSelector = $"{ChildMetadata.RouterPodSelector},{ChildMetadata.InstanceLabel}={ChildNames.InstanceLabel(name)}" },
            cancellationToken).ConfigureAwait(false);
        var ready = listed.Items.Where(p => p.Metadata.Annotation(ChildMetadata.ModelDeploymentAnnotation) == name && ServedGeneration.IsReady(p));
        var urls = CanaryAnalysisTarget.For(target, trial.Version, 0, ready, build).RouterMetricsUrls;
        var scrape = await RouterMetricsScrape.AllAsync(http, urls, cancellationToken).ConfigureAwait(false);
        if (scrape.Failures.Count > 0)
        {
            return (null, $"router metrics unavailable: {string.Join("; ", scrape.Failures)}");
        }
        return (Count(scrape.Expositions, trial), null);
    }

    /// <summary>Pure: the trial's counters from the routers' expositions.</summary>
    public static TrialCounters Count(IEnumerable<string> expositions, RefreshTrial trial)
    {
        ArgumentNullException.ThrowIfNull(expositions);
        ArgumentNullException.ThrowIfNull(trial);
        var texts = expositions.ToList();
        var candidate = CanaryAnalysisMetrics.Sum(texts, trial.Version);
        return new TrialCounters(
            TrafficCounters.Answering(CanaryAnalysisMetrics.Sum(texts, trial.ChampionVersion)),
            trial.Phase == RefreshTrialPhase.Shadow ? TrafficCounters.Shadow(candidate) : TrafficCounters.Answering(candidate));
    }
}
