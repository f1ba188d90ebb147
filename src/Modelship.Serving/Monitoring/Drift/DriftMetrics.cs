using System.Diagnostics;
using System.Diagnostics.Metrics;
using Modelship.Api.Routing;
using Modelship.Telemetry;

namespace Modelship.Serving.Monitoring.Drift;

/// <summary>
/// The drift series on the router's Meter. The distances are observable gauges computed from the windows when
/// /metrics is scraped, never per request. Feature and output label values come from the reference profile, versions
/// from the routing table.
/// </summary>
public sealed class DriftMetrics
{
    private const string Psi = "psi";
    private const string Hellinger = "hellinger";

    private readonly Counter<long> _outOfRange;
    private readonly Counter<long> _dropped;

    public DriftMetrics(Meter meter, Func<IEnumerable<(string Model, string Version, VersionDrift Drift)>> reportable, Func<IEnumerable<(string Model, string Version, int Samples)>> windows)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _outOfRange = meter.CreateCounter<long>(RouterMetricNames.FeatureOutOfRange, description: "Input values outside the training range of their feature in the reference profile.");
        _dropped = meter.CreateCounter<long>(RouterMetricNames.DriftDropped, description: "Answered requests the drift monitor did not see because its queue was full.");
        meter.CreateObservableGauge(RouterMetricNames.FeatureDrift, () => Observe(reportable(), d => d.Features, RouterMetricNames.Labels.Feature), description: "Drift of each feature's live window against the reference profile (PSI, Hellinger).");
        meter.CreateObservableGauge(RouterMetricNames.PredictionDrift, () => Observe(reportable(), d => d.Predictions, RouterMetricNames.Labels.Output), description: "Drift of each output's live predictions against the reference profile (PSI, Hellinger).");
        meter.CreateObservableGauge(RouterMetricNames.DriftWindowSamples, () => windows().Select(w => new Measurement<long>(w.Samples, Tag(RouterMetricNames.Labels.Model, w.Model), Tag(RouterMetricNames.Labels.Version, w.Version))), description: "Requests in each version's live drift window.");
    }

    /// <summary>Exposes the counters of a newly configured reference at zero.</summary>
    public void Declare(string model, IEnumerable<string> versions, IEnumerable<string> features)
    {
        var featureList = features.ToList();
        MetricSeries.Declare(_dropped, new TagList { { RouterMetricNames.Labels.Model, model } });
        foreach (var version in versions)
        {
            foreach (var feature in featureList)
            {
                MetricSeries.Declare(_outOfRange, new TagList { { RouterMetricNames.Labels.Model, model }, { RouterMetricNames.Labels.Version, version }, { RouterMetricNames.Labels.Feature, feature } });
            }
        }
    }

    public void OutOfRange(string model, string version, string feature, long count) =>
        _outOfRange.Add(count, new TagList { { RouterMetricNames.Labels.Model, model }, { RouterMetricNames.Labels.Version, version }, { RouterMetricNames.Labels.Feature, feature } });

    public void Dropped(string model) => _dropped.Add(1, new TagList { { RouterMetricNames.Labels.Model, model } });

    private static IEnumerable<Measurement<double>> Observe(
        IEnumerable<(string Model, string Version, VersionDrift Drift)> reportable, Func<VersionDrift, IReadOnlyList<FeatureDrift>> part, string label)
    {
        foreach (var (model, version, drift) in reportable)
        {
            foreach (var feature in part(drift))
            {
                yield return new Measurement<double>(feature.Psi, Tag(RouterMetricNames.Labels.Model, model), Tag(RouterMetricNames.Labels.Version, version), Tag(label, feature.Name), Tag(RouterMetricNames.Labels.Metric, Psi));
                yield return new Measurement<double>(feature.Hellinger, Tag(RouterMetricNames.Labels.Model, model), Tag(RouterMetricNames.Labels.Version, version), Tag(label, feature.Name), Tag(RouterMetricNames.Labels.Metric, Hellinger));
            }
        }
    }

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
