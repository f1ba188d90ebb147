using System.Diagnostics.Metrics;

namespace Modelship.Telemetry.Tests;

public sealed class MeterSelectionTests
{
    [Fact]
    public void ForMeters_exposes_exactly_the_named_meters()
    {
        var prefix = "Modelship.Tests." + Guid.NewGuid().ToString("N");
        using var wanted = new Meter(prefix + ".Router");
        using var other = new Meter(prefix + ".Router.Extra");
        using var collector = PrometheusCollector.ForMeters(wanted.Name);

        wanted.CreateCounter<long>("wanted_total").Add(1);
        other.CreateCounter<long>("other_total").Add(1);

        collector.Scrape().Should().Contain("wanted_total 1").And.NotContain("other_total");
    }

    [Fact]
    public void ForMeterPrefix_exposes_every_meter_starting_with_the_prefix()
    {
        var prefix = "Modelship.Tests." + Guid.NewGuid().ToString("N");
        using var router = new Meter(prefix + ".Router");
        using var controller = new Meter(prefix + ".Controller");
        using var foreign = new Meter("Other." + prefix);
        using var collector = PrometheusCollector.ForMeterPrefix(prefix);

        router.CreateCounter<long>("router_total").Add(1);
        controller.CreateCounter<long>("controller_total").Add(2);
        foreign.CreateCounter<long>("foreign_total").Add(3);

        collector.Scrape().Should().Be("""
            # TYPE controller_total counter
            controller_total 2
            # TYPE router_total counter
            router_total 1

            """);
    }

    [Fact]
    public void A_predicate_can_pick_one_meter_instance_among_equally_named_ones()
    {
        var name = "Modelship.Tests." + Guid.NewGuid().ToString("N");
        using var mine = new Meter(name);
        using var theirs = new Meter(name);
        using var collector = new PrometheusCollector(meter => ReferenceEquals(meter, mine));

        mine.CreateCounter<long>("modelship_requests_total").Add(1);
        theirs.CreateCounter<long>("modelship_requests_total").Add(100);

        collector.Scrape().Should().EndWith("modelship_requests_total 1\n");
    }

    [Fact]
    public void Instruments_created_before_the_collector_are_picked_up()
    {
        using var meter = new Meter("Modelship.Tests." + Guid.NewGuid().ToString("N"));
        var counter = meter.CreateCounter<long>("early_total");
        counter.Add(5);

        using var collector = PrometheusCollector.ForMeters(meter.Name);
        counter.Add(1);

        // Measurements before the collector existed were never seen; only what follows counts.
        collector.Scrape().Should().EndWith("early_total 1\n");
    }

    [Fact]
    public void A_disposed_collector_stops_counting()
    {
        using var test = new IsolatedMeter();
        var counter = test.Meter.CreateCounter<long>("late_total");
        counter.Add(1);

        test.Collector.Dispose();
        counter.Add(1);

        test.Scrape().Should().EndWith("late_total 1\n");
    }
}
