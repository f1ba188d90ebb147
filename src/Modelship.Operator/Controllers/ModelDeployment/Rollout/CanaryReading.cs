using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.Comparison;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>
/// The champion's and the new version's numbers read from every router at one moment: the cumulative counters a
/// step's window subtracts (recorded at its start, compared at its end), and the rolling accuracy from actuals, a
/// gauge judged as it is at the end.
/// </summary>
/// <param name="Canary">Its answers in a weighted step; what it was sent as a shadow in the mirror phase.</param>
/// <param name="ChampionAccuracy">modelship_model_accuracy of the champion by metric (accuracy, logLoss, ...), averaged over the routers that report it.</param>
public sealed record CanaryReading(
    RefreshTrafficCounters Champion,
    RefreshTrafficCounters Canary,
    IReadOnlyDictionary<string, double> ChampionAccuracy,
    IReadOnlyDictionary<string, double> CanaryAccuracy)
{
    /// <summary>Pure: the reading from the routers' expositions, summed (counters) or averaged (accuracy) over them.</summary>
    public static CanaryReading Count(IEnumerable<string> expositions, string championVersion, string canaryVersion, CanaryAnalysisPhase phase)
    {
        ArgumentNullException.ThrowIfNull(expositions);
        var texts = expositions.ToList();
        var canary = CanaryAnalysisMetrics.Sum(texts, canaryVersion);
        return new CanaryReading(
            TrafficCounters.Answering(CanaryAnalysisMetrics.Sum(texts, championVersion)),
            phase == CanaryAnalysisPhase.Mirror ? TrafficCounters.Shadow(canary) : TrafficCounters.Answering(canary),
            Accuracy(texts, championVersion),
            Accuracy(texts, canaryVersion));
    }

    /// <summary>Each metric of the version's modelship_model_accuracy, the mean over the routers that report a finite value.</summary>
    public static IReadOnlyDictionary<string, double> Accuracy(IEnumerable<string> expositions, string version)
    {
        ArgumentNullException.ThrowIfNull(expositions);
        return expositions
            .SelectMany(AnalysisSample.Parse)
            .Where(s => s.Name == RouterMetricNames.ModelAccuracy && s.Label(RouterMetricNames.Labels.Version) == version && double.IsFinite(s.Value))
            .GroupBy(s => s.Label(MetricLabel), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(s => s.Value), StringComparer.Ordinal);
    }

    /// <summary>The label of modelship_model_accuracy that names the metric.</summary>
    public const string MetricLabel = "metric";

    /// <summary>The metric minAccuracy and maxAccuracyDecrease judge.</summary>
    public const string AccuracyMetric = "accuracy";
}
