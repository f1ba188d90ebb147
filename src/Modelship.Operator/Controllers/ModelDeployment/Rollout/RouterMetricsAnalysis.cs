using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>
/// Judges a canary from the routers' <c>/metrics</c> (<see cref="CanaryThresholdAnalysis"/>): every router of the
/// target is scraped and their numbers are summed, so the verdict covers all traffic, not the one router a Service
/// happens to pick. Counters are cumulative since each router started (no Prometheus, no rate window): a step is
/// judged on everything the version has answered so far.
/// </summary>
public sealed class RouterMetricsAnalysis(HttpClient http) : IRolloutAnalysis
{
    /// <summary>Judges <paramref name="target"/> from its routers' metrics (the deployment adds nothing the target lacks).</summary>
    public async Task<AnalysisVerdict> EvaluateAsync(MD deployment, CanaryAnalysisTarget target, RolloutAnalysis analysis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(analysis);
        var scrape = await RouterMetricsScrape.AllAsync(http, target.RouterMetricsUrls, cancellationToken).ConfigureAwait(false);
        if (scrape.Failures.Count > 0)
        {
            // A missing router could hide the errors it saw: wait rather than judge part of the traffic.
            return AnalysisVerdict.Inconclusive($"router metrics unavailable: {string.Join("; ", scrape.Failures)}");
        }
        return Judge(scrape.Expositions, target.Version, target.Phase, analysis);
    }

    /// <summary>The verdict for <paramref name="version"/> from the routers' expositions, summed.</summary>
    public static AnalysisVerdict Judge(IEnumerable<string> expositions, string version, CanaryAnalysisPhase phase, RolloutAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(expositions);
        return CanaryThresholdAnalysis.Judge(CanaryAnalysisMetrics.Sum(expositions, version), phase, analysis);
    }
}
