using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Rollout.Prometheus;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>
/// Judges a canary step from the routers' <c>/metrics</c>: every router of the target is scraped and their numbers
/// are summed, so the verdict covers all traffic, not the one router a Service happens to pick. The routers' counters
/// are cumulative since each started; a step is judged on their increase over its window
/// (<see cref="CanaryWindowJudgement"/>), and a weighted step also on spec.rollout.analysis.metrics
/// (<see cref="PrometheusMetricProvider"/>).
/// </summary>
public sealed class RouterMetricsAnalysis(HttpClient http) : IRolloutAnalysis
{
    private readonly PrometheusMetricProvider _prometheus = new(http);

    public async Task<(CanaryReading? Reading, string? Failure)> ReadAsync(MD deployment, CanaryAnalysisTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(target);
        var scrape = await RouterMetricsScrape.AllAsync(http, target.RouterMetricsUrls, cancellationToken).ConfigureAwait(false);
        // A missing router could hide the errors it saw: wait rather than judge part of the traffic.
        return scrape.Failures.Count > 0
            ? (null, $"router metrics unavailable: {string.Join("; ", scrape.Failures)}")
            : (CanaryReading.Count(scrape.Expositions, target.ChampionVersion, target.Version, target.Phase), null);
    }

    public async Task<AnalysisVerdict> JudgeAsync(MD deployment, CanaryAnalysisTarget target, RolloutAnalysis analysis, CanaryReading start, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(analysis);
        var (end, failure) = await ReadAsync(deployment, target, cancellationToken).ConfigureAwait(false);
        if (end is null)
        {
            return AnalysisVerdict.Inconclusive(failure!);
        }
        var verdicts = new List<AnalysisVerdict> { CanaryWindowJudgement.Judge(target.Phase, start, end, analysis) };
        if (target.Phase == CanaryAnalysisPhase.Weighted)
        {
            var context = new PrometheusQueryContext(window, target.Version, deployment.Metadata.NamespaceProperty ?? "", deployment.Metadata.Name ?? "");
            foreach (var metric in analysis.Metrics ?? [])
            {
                verdicts.Add(await _prometheus.EvaluateAsync(metric, context, cancellationToken).ConfigureAwait(false));
            }
        }
        return CanaryThresholdAnalysis.Combine(verdicts);
    }
}
