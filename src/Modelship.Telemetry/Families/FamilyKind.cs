namespace Modelship.Telemetry.Families;

/// <summary>How a family aggregates. Instruments share a family only when name and kind both match.</summary>
internal enum FamilyKind
{
    Counter,
    UpDownCounter,
    Gauge,
    Histogram,
    ObservedCounter,
    ObservedGauge,
}
