using System.Diagnostics.Metrics;

namespace Modelship.Telemetry.Tests.Families;

public sealed class FamilySharingTests
{
    [Fact]
    public void Same_instrument_on_two_meter_instances_adds_into_one_family()
    {
        var meterName = "Modelship.Tests." + Guid.NewGuid().ToString("N");
        using var collector = PrometheusCollector.ForMeters(meterName);
        using var first = new Meter(meterName);
        using var second = new Meter(meterName);
        var tag = new KeyValuePair<string, object?>("model", "iris");

        first.CreateCounter<long>("modelship_requests_total", description: "Requests.").Add(2, tag);
        second.CreateCounter<long>("modelship_requests_total", description: "Requests.").Add(3, tag);

        collector.Scrape().Should().Be("""
            # HELP modelship_requests_total Requests.
            # TYPE modelship_requests_total counter
            modelship_requests_total{model="iris"} 5

            """);
    }

    [Fact]
    public void An_instrument_whose_kind_conflicts_with_the_family_is_not_exposed()
    {
        using var test = new IsolatedMeter();
        test.Meter.CreateCounter<long>("modelship_things_total").Add(1);
        test.Meter.CreateObservableGauge("modelship_things_total", () => 99L);

        test.Scrape().Should().Be("""
            # TYPE modelship_things_total counter
            modelship_things_total 1

            """);
    }

    [Fact]
    public void Series_of_a_disposed_meter_stay_until_the_collector_goes()
    {
        var meterName = "Modelship.Tests." + Guid.NewGuid().ToString("N");
        using var collector = PrometheusCollector.ForMeters(meterName);
        using (var meter = new Meter(meterName))
        {
            meter.CreateCounter<long>("modelship_done_total").Add(7);
            meter.CreateObservableGauge("modelship_alive", () => 1);
        }

        collector.Scrape().Should().Be("""
            # TYPE modelship_done_total counter
            modelship_done_total 7

            """);
    }
}
