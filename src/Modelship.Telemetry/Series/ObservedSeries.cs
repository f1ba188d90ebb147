namespace Modelship.Telemetry.Series;

/// <summary>
/// A value reported by an observable instrument's callback. Only touched on the scraping thread, under the
/// collector's scrape lock, so it needs no atomics.
/// </summary>
internal sealed class ObservedSeries
{
    public double Value { get; set; }

    /// <summary>The observation round that last reported this series; older ones are no longer reported.</summary>
    public long Round { get; set; }
}
