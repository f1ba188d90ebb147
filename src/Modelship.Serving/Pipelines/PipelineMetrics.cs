using System.Diagnostics;
using System.Diagnostics.Metrics;
using Modelship.Telemetry;

namespace Modelship.Serving.Pipelines;

/// <summary>
/// Per-step instruments of pipeline routers, on the router's Meter. Label values come only from the routing table
/// (pipeline, step and validation names) and from a fixed set of error reasons, never from request data.
/// </summary>
public sealed class PipelineMetrics
{
    private static readonly double[] StepBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _stepRequests;
    private readonly Counter<long> _stepErrors;
    private readonly Histogram<double> _stepDuration;
    private readonly Counter<long> _checkFailures;

    public PipelineMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _stepRequests = meter.CreateCounter<long>("modelship_pipeline_step_requests_total", description: "Requests that ran a pipeline step, by pipeline and step.");
        _stepErrors = meter.CreateCounter<long>("modelship_pipeline_step_errors_total", description: "Pipeline steps that failed a request, by reason: status (a model answered an error), timeout, unreachable, answer (not a V2 answer), tensors (inputs or outputs that do not fit the step).");
        _stepDuration = meter.CreateHistogram<double>(
            "modelship_pipeline_step_duration_seconds",
            unit: "s",
            description: "Time a pipeline step took within a request, its model exchanges included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StepBuckets });
        _checkFailures = meter.CreateCounter<long>("modelship_pipeline_check_failures_total", description: "Pipeline validations that did not hold, by pipeline, step and validation.");
    }

    /// <summary>Exposes the series of a newly served pipeline at zero, so dashboards and alerts see them before any traffic.</summary>
    public void DeclareSeries(CompiledPipeline pipeline)
    {
        foreach (var step in pipeline.Steps)
        {
            MetricSeries.Declare(_stepRequests, new TagList { { "pipeline", pipeline.Name }, { "step", step.Name } });
            foreach (var validation in step.Validations)
            {
                MetricSeries.Declare(_checkFailures, new TagList { { "pipeline", pipeline.Name }, { "step", step.Name }, { "validation", validation.Name } });
            }
        }
    }

    public void StepCompleted(string pipeline, string step, TimeSpan duration)
    {
        var tags = new TagList { { "pipeline", pipeline }, { "step", step } };
        _stepRequests.Add(1, tags);
        _stepDuration.Record(duration.TotalSeconds, tags);
    }

    /// <param name="reason">One of the fixed reasons of <see cref="StepFailure.Reason"/>.</param>
    public void StepFailed(string pipeline, string step, string reason) =>
        _stepErrors.Add(1, new TagList { { "pipeline", pipeline }, { "step", step }, { "reason", reason } });

    public void CheckFailed(string pipeline, string step, string validation) =>
        _checkFailures.Add(1, new TagList { { "pipeline", pipeline }, { "step", step }, { "validation", validation } });
}
