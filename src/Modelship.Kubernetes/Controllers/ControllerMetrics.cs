using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Modelship.Kubernetes.Controllers;

/// <summary>The reconcile series of one controller, all created at 0 when the controller is.</summary>
internal sealed class ControllerMetrics
{
    private static readonly double[] ReconcileTimeBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60];

    private static readonly Counter<long> Reconciles = ControllerMeter.Meter.CreateCounter<long>(
        "modelship_reconcile_total", unit: null, description: "Reconciles per controller and result.");

    private static readonly Counter<long> Errors = ControllerMeter.Meter.CreateCounter<long>(
        "modelship_reconcile_errors_total", unit: null, description: "Reconciles that failed (retried or terminal).");

    private static readonly Counter<long> TerminalErrors = ControllerMeter.Meter.CreateCounter<long>(
        "modelship_terminal_reconcile_errors_total", unit: null, description: "Reconciles that failed with a terminal error (not retried).");

    private static readonly Histogram<double> ReconcileTime = ControllerMeter.Meter.CreateHistogram(
        "modelship_reconcile_time_seconds",
        unit: "s",
        description: "Time per reconcile.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ReconcileTimeBuckets });

    private static readonly UpDownCounter<long> ActiveWorkers = ControllerMeter.Meter.CreateUpDownCounter<long>(
        "modelship_controller_active_workers", unit: null, description: "Workers currently running a reconcile.");

    private readonly TagList _controller;
    private readonly Dictionary<string, TagList> _byOutcome = [];

    public ControllerMetrics(string controller)
    {
        _controller = new TagList { { "controller", controller } };
        foreach (var outcome in ReconcileOutcome.All)
        {
            var tags = new TagList { { "controller", controller }, { "result", outcome } };
            _byOutcome[outcome] = tags;
            Reconciles.Add(0, tags);
        }

        Errors.Add(0, _controller);
        TerminalErrors.Add(0, _controller);
        ActiveWorkers.Add(0, _controller);
    }

    public void WorkerBusy() => ActiveWorkers.Add(1, _controller);

    public void WorkerIdle() => ActiveWorkers.Add(-1, _controller);

    public void Reconciled(string outcome, TimeSpan took)
    {
        Reconciles.Add(1, _byOutcome[outcome]);
        ReconcileTime.Record(took.TotalSeconds, _controller);
        if (outcome == ReconcileOutcome.Error)
        {
            Errors.Add(1, _controller);
        }
    }

    public void Terminal() => TerminalErrors.Add(1, _controller);
}
