using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Modelship.Telemetry.Tests.Conformance;

/// <summary>Every instrument kind with awkward names, HELP text, label values and numbers, for the real parsers.</summary>
internal static class KitchenSinkMeter
{
    public const string AwkwardLabelValue = "we\\ird \"quoted\"\nname {a=\"b\"}, ünïcode";

    public static void Populate(Meter meter)
    {
        var requests = meter.CreateCounter<long>(
            "modelship_requests_total", description: "Requests answered, by \"code\".\nSecond line, C:\\path.");
        requests.Add(3, new TagList { { "code", 200 }, { "model", "ïris" } });
        requests.Add(1, new TagList { { "code", "500" }, { "model", AwkwardLabelValue } });

        meter.CreateCounter<double>("http.client.sent_bytes", description: "Bytes sent.").Add(1.5);
        meter.CreateObservableCounter("modelship_process_cpu_seconds", () => 12.25, description: "CPU time used.");
        meter.CreateUpDownCounter<long>("modelship_workqueue_depth", description: "Items waiting.")
            .Add(-2, new KeyValuePair<string, object?>("name", "q"));
        meter.CreateObservableUpDownCounter("modelship_inflight_requests", () => 3, description: "Requests in flight.");
        meter.CreateObservableGauge(
            "modelship_routing_generation",
            () => new Measurement<long>(42, new KeyValuePair<string, object?>("model", "iris")),
            description: "Generation of the served routing table.");

        var ratio = meter.CreateGauge<double>("modelship_ratio", description: "Odd numbers.");
        ratio.Record(double.PositiveInfinity, new KeyValuePair<string, object?>("case", "a"));
        ratio.Record(double.NegativeInfinity, new KeyValuePair<string, object?>("case", "b"));
        ratio.Record(double.NaN, new KeyValuePair<string, object?>("case", "c"));
        ratio.Record(1e-9, new KeyValuePair<string, object?>("case", "d"));
        ratio.Record(6.02214076e23, new KeyValuePair<string, object?>("case", "e"));

        var duration = meter.CreateHistogram(
            "modelship_request_duration_seconds",
            unit: "s",
            description: "Request latency.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 1, 2.5] });
        duration.Record(0.125, new KeyValuePair<string, object?>("model", "iris"));
        duration.Record(0.25, new KeyValuePair<string, object?>("model", "iris"));
        duration.Record(3, new KeyValuePair<string, object?>("model", "iris"));
        MetricSeries.Declare(duration, new KeyValuePair<string, object?>("model", "mnist"));
    }
}
