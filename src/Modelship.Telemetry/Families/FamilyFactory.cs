using System.Diagnostics.Metrics;
using Modelship.Telemetry.Exposition;

namespace Modelship.Telemetry.Families;

/// <summary>Maps an instrument to the Prometheus family it records into.</summary>
internal static class FamilyFactory
{
    /// <summary>The family kind of a supported instrument, or null for instruments we do not expose.</summary>
    public static FamilyKind? KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }
        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
        {
            return FamilyKind.Counter;
        }
        if (definition == typeof(UpDownCounter<>))
        {
            return FamilyKind.UpDownCounter;
        }
        if (definition == typeof(Gauge<>))
        {
            return FamilyKind.Gauge;
        }
        if (definition == typeof(Histogram<>))
        {
            return FamilyKind.Histogram;
        }
        if (definition == typeof(ObservableCounter<>))
        {
            return FamilyKind.ObservedCounter;
        }
        if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>))
        {
            return FamilyKind.ObservedGauge;
        }
        return null;
    }

    public static string NameOf(Instrument instrument, FamilyKind kind) =>
        kind is FamilyKind.Counter or FamilyKind.ObservedCounter
            ? PrometheusNames.CounterName(instrument.Name)
            : PrometheusNames.MetricName(instrument.Name);

    public static MetricFamily Create(Instrument instrument, string name, FamilyKind kind) => kind switch
    {
        FamilyKind.Counter or FamilyKind.UpDownCounter => new SumFamily(name, instrument.Description, kind),
        FamilyKind.Gauge => new GaugeFamily(name, instrument.Description),
        FamilyKind.Histogram => new HistogramFamily(name, instrument.Description, HistogramBuckets.UpperBounds(instrument)),
        _ => new ObservedFamily(name, instrument.Description, kind),
    };
}
