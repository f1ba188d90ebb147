using System.Diagnostics;
using System.Diagnostics.Metrics;
using Modelship.Api.Routing;
using Modelship.Telemetry;

namespace Modelship.Serving.Monitoring.Actuals;

/// <summary><c>modelship_actuals_total{model,result}</c> and the <c>modelship_model_accuracy{model,version,metric}</c> gauges, on the router's Meter.</summary>
public sealed class ActualsMetrics
{
    public const string Joined = "joined";
    public const string Unmatched = "unmatched";
    public const string Duplicate = "duplicate";
    public const string Invalid = "invalid";

    private readonly Counter<long> _actuals;

    /// <summary><paramref name="accuracy"/> gives the model and its accuracy per version as of the scrape (nothing when actuals are off).</summary>
    public ActualsMetrics(Meter meter, Func<(string Model, IReadOnlyList<VersionAccuracy> Accuracy)?> accuracy)
    {
        _actuals = meter.CreateCounter<long>(RouterMetricNames.Actuals, description: "Actuals received on POST .../actuals, by what became of them.");
        meter.CreateObservableGauge(RouterMetricNames.ModelAccuracy, () => Observe(accuracy), description: "Accuracy metrics of each version over its rolling window of joined actuals.");
    }

    /// <summary>Exposes the four results at zero once a table with actuals is served.</summary>
    public void DeclareSeries(string model)
    {
        foreach (var result in (string[])[Joined, Unmatched, Duplicate, Invalid])
        {
            MetricSeries.Declare(_actuals, new TagList { { RouterMetricNames.Labels.Model, model }, { RouterMetricNames.Labels.Result, result } });
        }
    }

    public void Received(string model, ActualsCounts counts)
    {
        Add(model, Joined, counts.Joined);
        Add(model, Unmatched, counts.Unmatched);
        Add(model, Duplicate, counts.Duplicate);
        Add(model, Invalid, counts.Invalid);
    }

    private void Add(string model, string result, long count)
    {
        if (count > 0)
        {
            _actuals.Add(count, new TagList { { RouterMetricNames.Labels.Model, model }, { RouterMetricNames.Labels.Result, result } });
        }
    }

    private static IEnumerable<Measurement<double>> Observe(Func<(string Model, IReadOnlyList<VersionAccuracy> Accuracy)?> accuracy)
    {
        if (accuracy() is not { } current)
        {
            yield break;
        }
        foreach (var version in current.Accuracy)
        {
            foreach (var (metric, value) in version.Metrics)
            {
                yield return new Measurement<double>(
                    value,
                    new KeyValuePair<string, object?>(RouterMetricNames.Labels.Model, current.Model),
                    new KeyValuePair<string, object?>(RouterMetricNames.Labels.Version, version.Version),
                    new KeyValuePair<string, object?>(RouterMetricNames.Labels.Metric, metric));
            }
        }
    }
}
