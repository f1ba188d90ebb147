using System.Diagnostics;
using System.Diagnostics.Metrics;
using Modelship.Kubernetes.Controllers;

namespace Modelship.Kubernetes.Queue;

/// <summary>The workqueue series of one named queue, all created at 0 when the queue is.</summary>
internal sealed class WorkQueueMetrics
{
    private static readonly double[] DurationBuckets =
        [0.0001, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1000];

    private static readonly UpDownCounter<long> Depth = ControllerMeter.Meter.CreateUpDownCounter<long>(
        "modelship_workqueue_depth", unit: null, description: "Current number of items waiting in the work queue.");

    private static readonly Counter<long> Adds = ControllerMeter.Meter.CreateCounter<long>(
        "modelship_workqueue_adds_total", unit: null, description: "Items added to the work queue.");

    private static readonly Counter<long> Retries = ControllerMeter.Meter.CreateCounter<long>(
        "modelship_workqueue_retries_total", unit: null, description: "Rate-limited re-adds (retries) to the work queue.");

    private static readonly Histogram<double> QueueDuration = ControllerMeter.Meter.CreateHistogram(
        "modelship_workqueue_queue_duration_seconds",
        unit: "s",
        description: "Time an item waits in the work queue before a worker takes it.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    private static readonly Histogram<double> WorkDuration = ControllerMeter.Meter.CreateHistogram(
        "modelship_workqueue_work_duration_seconds",
        unit: "s",
        description: "Time a worker holds an item, from taking it to marking it done.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    private readonly TagList _tags;

    public WorkQueueMetrics(string name)
    {
        _tags = new TagList { { "name", name } };
        Depth.Add(0, _tags);
        Adds.Add(0, _tags);
        Retries.Add(0, _tags);
    }

    public void Added() => Adds.Add(1, _tags);

    public void Enqueued() => Depth.Add(1, _tags);

    public void Dequeued(TimeSpan waited)
    {
        Depth.Add(-1, _tags);
        QueueDuration.Record(waited.TotalSeconds, _tags);
    }

    public void Worked(TimeSpan held) => WorkDuration.Record(held.TotalSeconds, _tags);

    public void Retried() => Retries.Add(1, _tags);
}
