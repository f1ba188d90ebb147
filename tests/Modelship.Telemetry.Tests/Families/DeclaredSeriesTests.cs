using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Modelship.Telemetry.Tests.Families;

public sealed class DeclaredSeriesTests
{
    [Fact]
    public void Declared_histogram_series_exist_with_zero_buckets_sum_and_count()
    {
        using var test = new IsolatedMeter();
        var histogram = test.Meter.CreateHistogram(
            "modelship_reconcile_time_seconds", unit: "s", description: "Reconcile duration.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1] });

        MetricSeries.Declare(histogram, new TagList { { "controller", "pipeline" } });

        test.Scrape().Should().Be("""
            # HELP modelship_reconcile_time_seconds Reconcile duration.
            # TYPE modelship_reconcile_time_seconds histogram
            modelship_reconcile_time_seconds_bucket{controller="pipeline",le="0.5"} 0
            modelship_reconcile_time_seconds_bucket{controller="pipeline",le="1"} 0
            modelship_reconcile_time_seconds_bucket{controller="pipeline",le="+Inf"} 0
            modelship_reconcile_time_seconds_sum{controller="pipeline"} 0
            modelship_reconcile_time_seconds_count{controller="pipeline"} 0

            """);
    }

    [Fact]
    public void Declaring_before_the_collector_exists_works_too()
    {
        using var meter = new Meter("Modelship.Tests." + Guid.NewGuid().ToString("N"));
        var counter = meter.CreateCounter<long>("modelship_reconcile_total");
        var gauge = meter.CreateGauge<long>("modelship_leader");
        MetricSeries.Declare(counter, new KeyValuePair<string, object?>("controller", "x"), new KeyValuePair<string, object?>("result", "success"));
        MetricSeries.Declare(gauge);

        using var collector = PrometheusCollector.ForMeters(meter.Name);

        collector.Scrape().Should().Be("""
            # TYPE modelship_leader gauge
            modelship_leader 0
            # TYPE modelship_reconcile_total counter
            modelship_reconcile_total{controller="x",result="success"} 0

            """);
    }

    [Fact]
    public void Declaring_keeps_values_already_recorded()
    {
        using var test = new IsolatedMeter();
        var counter = test.Meter.CreateUpDownCounter<long>("modelship_workqueue_depth");
        var tag = new KeyValuePair<string, object?>("name", "q");
        counter.Add(3, tag);

        MetricSeries.Declare(counter, tag);
        counter.Add(1, tag);

        test.Scrape().Should().EndWith("modelship_workqueue_depth{name=\"q\"} 4\n");
        test.Scrape().Should().EndWith("modelship_workqueue_depth{name=\"q\"} 4\n");
    }

    [Fact]
    public void Declarations_on_observable_instruments_add_nothing()
    {
        using var test = new IsolatedMeter();
        var observable = test.Meter.CreateObservableGauge("modelship_observed", () => Array.Empty<Measurement<int>>());

        MetricSeries.Declare(observable, new KeyValuePair<string, object?>("a", "b"));

        test.Scrape().Should().BeEmpty();
    }
}
