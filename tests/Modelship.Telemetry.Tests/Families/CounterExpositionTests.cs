using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Modelship.Telemetry.Tests.Families;

public sealed class CounterExpositionTests
{
    [Fact]
    public void Counter_is_a_counter_family_with_one_line_per_label_set()
    {
        using var test = new IsolatedMeter();
        var counter = test.Meter.CreateCounter<long>("modelship_requests_total", description: "Requests answered.");

        counter.Add(2, new KeyValuePair<string, object?>("code", "200"));
        counter.Add(1, new KeyValuePair<string, object?>("code", "500"));
        counter.Add(3, new KeyValuePair<string, object?>("code", "200"));

        test.Scrape().Should().Be("""
            # HELP modelship_requests_total Requests answered.
            # TYPE modelship_requests_total counter
            modelship_requests_total{code="200"} 5
            modelship_requests_total{code="500"} 1

            """);
    }

    [Fact]
    public void Counter_name_gets_total_suffix_and_dots_become_underscores()
    {
        using var test = new IsolatedMeter();
        test.Meter.CreateCounter<int>("http.client.retries").Add(4);

        test.Scrape().Should().Be("""
            # TYPE http_client_retries_total counter
            http_client_retries_total 4

            """);
    }

    [Fact]
    public void Floating_counter_adds_exactly_and_drops_negative_and_NaN_increments()
    {
        using var test = new IsolatedMeter();
        var counter = test.Meter.CreateCounter<double>("modelship_cpu_seconds_total");

        counter.Add(0.5);
        counter.Add(0.25);
        counter.Add(-10);
        counter.Add(double.NaN);

        test.Scrape().Should().EndWith("modelship_cpu_seconds_total 0.75\n");
    }

    [Fact]
    public void Negative_integer_increment_neither_counts_nor_creates_a_series()
    {
        using var test = new IsolatedMeter();
        var counter = test.Meter.CreateCounter<long>("modelship_things_total");

        counter.Add(-1, new KeyValuePair<string, object?>("kind", "bad"));
        counter.Add(1, new KeyValuePair<string, object?>("kind", "good"));
        counter.Add(-5, new KeyValuePair<string, object?>("kind", "good"));

        test.Scrape().Should().Be("""
            # TYPE modelship_things_total counter
            modelship_things_total{kind="good"} 1

            """);
    }

    [Fact]
    public void Adding_zero_creates_the_series_at_zero()
    {
        using var test = new IsolatedMeter();
        var counter = test.Meter.CreateCounter<long>("modelship_reconcile_total", description: "Reconciliations by controller and result.");

        foreach (var result in new[] { "success", "error", "requeue" })
        {
            counter.Add(0, new TagList { { "controller", "modeldeployment" }, { "result", result } });
        }

        test.Scrape().Should().Be("""
            # HELP modelship_reconcile_total Reconciliations by controller and result.
            # TYPE modelship_reconcile_total counter
            modelship_reconcile_total{controller="modeldeployment",result="error"} 0
            modelship_reconcile_total{controller="modeldeployment",result="requeue"} 0
            modelship_reconcile_total{controller="modeldeployment",result="success"} 0

            """);
    }

    [Fact]
    public void Large_long_totals_print_every_digit()
    {
        using var test = new IsolatedMeter();
        var counter = test.Meter.CreateCounter<long>("modelship_bytes_total");

        counter.Add(long.MaxValue - 1);
        counter.Add(1);

        test.Scrape().Should().EndWith("modelship_bytes_total 9223372036854775807\n");
    }

    [Fact]
    public void Observable_counter_reports_the_callback_value_as_a_counter()
    {
        using var test = new IsolatedMeter();
        long served = 41;
        test.Meter.CreateObservableCounter(
            "modelship_process_requests",
            () => new Measurement<long>(served, new KeyValuePair<string, object?>("port", 8080)),
            description: "Requests since start.");

        served++;

        test.Scrape().Should().Be("""
            # HELP modelship_process_requests_total Requests since start.
            # TYPE modelship_process_requests_total counter
            modelship_process_requests_total{port="8080"} 42

            """);
    }

    [Fact]
    public void Up_down_counter_is_a_gauge_that_can_go_below_zero()
    {
        using var test = new IsolatedMeter();
        var depth = test.Meter.CreateUpDownCounter<long>("modelship_workqueue_depth", description: "Items waiting.");

        depth.Add(2, new KeyValuePair<string, object?>("name", "a"));
        depth.Add(-3, new KeyValuePair<string, object?>("name", "a"));
        depth.Add(0, new KeyValuePair<string, object?>("name", "b"));

        test.Scrape().Should().Be("""
            # HELP modelship_workqueue_depth Items waiting.
            # TYPE modelship_workqueue_depth gauge
            modelship_workqueue_depth{name="a"} -1
            modelship_workqueue_depth{name="b"} 0

            """);
    }

    [Fact]
    public void Floating_up_down_counter_sums_both_ways()
    {
        using var test = new IsolatedMeter();
        var level = test.Meter.CreateUpDownCounter<double>("modelship_level");

        level.Add(1.5);
        level.Add(-0.25);

        test.Scrape().Should().EndWith("modelship_level 1.25\n");
    }

    [Fact]
    public void Observable_up_down_counter_is_a_gauge()
    {
        using var test = new IsolatedMeter();
        test.Meter.CreateObservableUpDownCounter("modelship_inflight_requests", () => -2, description: "In flight.");

        test.Scrape().Should().Be("""
            # HELP modelship_inflight_requests In flight.
            # TYPE modelship_inflight_requests gauge
            modelship_inflight_requests -2

            """);
    }
}
