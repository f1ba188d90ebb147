using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Modelship.Telemetry.Tests.Series;

public sealed class RecordingAllocationTests
{
    [Fact]
    public void Recording_into_existing_series_allocates_nothing()
    {
        using var test = new IsolatedMeter();
        var requests = test.Meter.CreateCounter<long>("modelship_requests_total");
        var seconds = test.Meter.CreateCounter<double>("modelship_busy_seconds_total");
        var depth = test.Meter.CreateUpDownCounter<int>("modelship_depth");
        var size = test.Meter.CreateGauge<double>("modelship_size_bytes");
        var latency = test.Meter.CreateHistogram<double>("modelship_latency_seconds");
        var model = new KeyValuePair<string, object?>("model", "iris");
        var code = new KeyValuePair<string, object?>("code", "200");

        void RecordAll()
        {
            requests.Add(1, model, code);
            requests.Add(1, new TagList { { "model", "iris" }, { "code", "200" }, { "role", "champion" } });
            seconds.Add(0.5, model);
            depth.Add(1, model);
            size.Record(1024, model);
            latency.Record(0.3, model, code);
        }

        // The first round creates the series; more rounds let tiered compilation settle.
        for (var i = 0; i < 2_000; i++)
        {
            RecordAll();
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            RecordAll();
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
        test.Scrape().Should().Contain("modelship_requests_total{code=\"200\",model=\"iris\"} 3000\n");
    }
}
