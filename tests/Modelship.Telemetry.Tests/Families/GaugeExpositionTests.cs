using System.Diagnostics.Metrics;

namespace Modelship.Telemetry.Tests.Families;

public sealed class GaugeExpositionTests
{
    [Fact]
    public void Gauge_keeps_the_last_recorded_value_per_series()
    {
        using var test = new IsolatedMeter();
        var gauge = test.Meter.CreateGauge<double>("modelship_model_size_bytes", unit: "By", description: "Size of the loaded model.");

        gauge.Record(10, new KeyValuePair<string, object?>("model", "iris"));
        gauge.Record(2.5, new KeyValuePair<string, object?>("model", "iris"));
        gauge.Record(-7, new KeyValuePair<string, object?>("model", "mnist"));

        test.Scrape().Should().Be("""
            # HELP modelship_model_size_bytes Size of the loaded model.
            # TYPE modelship_model_size_bytes gauge
            modelship_model_size_bytes{model="iris"} 2.5
            modelship_model_size_bytes{model="mnist"} -7

            """);
    }

    [Fact]
    public void Gauge_exposes_infinities_and_NaN()
    {
        using var test = new IsolatedMeter();
        var gauge = test.Meter.CreateGauge<double>("modelship_ratio");

        gauge.Record(double.PositiveInfinity, new KeyValuePair<string, object?>("case", "a"));
        gauge.Record(double.NegativeInfinity, new KeyValuePair<string, object?>("case", "b"));
        gauge.Record(double.NaN, new KeyValuePair<string, object?>("case", "c"));
        gauge.Record(1e-9, new KeyValuePair<string, object?>("case", "d"));
        gauge.Record(6.02214076e23, new KeyValuePair<string, object?>("case", "e"));

        test.Scrape().Should().Be("""
            # TYPE modelship_ratio gauge
            modelship_ratio{case="a"} +Inf
            modelship_ratio{case="b"} -Inf
            modelship_ratio{case="c"} NaN
            modelship_ratio{case="d"} 1e-09
            modelship_ratio{case="e"} 6.02214076e+23

            """);
    }

    [Fact]
    public void Observable_gauge_reports_what_the_callback_reports_now()
    {
        using var test = new IsolatedMeter();
        var reported = new List<Measurement<double>>
        {
            new(0.75, new KeyValuePair<string, object?>("model", "iris")),
            new(0.5, new KeyValuePair<string, object?>("model", "mnist")),
        };
        test.Meter.CreateObservableGauge("modelship_shadow_agreement_ratio", () => reported, description: "Agreement.");

        test.Scrape().Should().Be("""
            # HELP modelship_shadow_agreement_ratio Agreement.
            # TYPE modelship_shadow_agreement_ratio gauge
            modelship_shadow_agreement_ratio{model="iris"} 0.75
            modelship_shadow_agreement_ratio{model="mnist"} 0.5

            """);

        reported.RemoveAt(0);
        reported[0] = new Measurement<double>(0.25, new KeyValuePair<string, object?>("model", "mnist"));

        test.Scrape().Should().Be("""
            # HELP modelship_shadow_agreement_ratio Agreement.
            # TYPE modelship_shadow_agreement_ratio gauge
            modelship_shadow_agreement_ratio{model="mnist"} 0.25

            """);
    }

    [Fact]
    public void Observable_gauge_that_reports_nothing_writes_no_family()
    {
        using var test = new IsolatedMeter();
        test.Meter.CreateObservableGauge("modelship_routing_generation", () => Array.Empty<Measurement<long>>());

        test.Scrape().Should().BeEmpty();
    }

    [Fact]
    public void A_throwing_callback_drops_its_series_but_not_the_scrape()
    {
        var failures = new List<Exception>();
        using var meter = new Meter("Modelship.Tests." + Guid.NewGuid().ToString("N"));
        using var collector = new PrometheusCollector(m => m == meter, failures.Add);
        meter.CreateObservableGauge("modelship_broken", new Func<long>(() => throw new InvalidOperationException("boom")));
        meter.CreateObservableGauge("modelship_fine", () => 1L);

        collector.Scrape().Should().Be("""
            # TYPE modelship_fine gauge
            modelship_fine 1

            """);
        failures.Should().ContainSingle().Which.Should().BeOfType<AggregateException>()
            .Which.InnerExceptions.Should().ContainSingle().Which.Message.Should().Be("boom");
    }
}
