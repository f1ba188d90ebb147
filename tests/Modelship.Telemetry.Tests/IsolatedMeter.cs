using System.Diagnostics.Metrics;

namespace Modelship.Telemetry.Tests;

/// <summary>
/// A meter with a unique name and a collector exposing only it, so tests running in parallel never see each
/// other's instruments.
/// </summary>
internal sealed class IsolatedMeter : IDisposable
{
    public IsolatedMeter()
    {
        Meter = new Meter("Modelship.Tests." + Guid.NewGuid().ToString("N"));
        Collector = PrometheusCollector.ForMeters(Meter.Name);
    }

    public Meter Meter { get; }

    public PrometheusCollector Collector { get; }

    public string Scrape() => Collector.Scrape();

    public void Dispose()
    {
        Collector.Dispose();
        Meter.Dispose();
    }
}
