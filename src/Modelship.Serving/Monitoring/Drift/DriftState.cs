using Modelship.Api.Routing;

namespace Modelship.Serving.Monitoring.Drift;

/// <summary>
/// What the monitor works with under one routing table: the reference, its raw bytes and settings (to tell a reload
/// that changes nothing from one that does) and one window per version of the table.
/// </summary>
internal sealed record DriftState(
    string Model,
    DriftSettings Settings,
    byte[] ReferenceBytes,
    CompiledReference Reference,
    IReadOnlyDictionary<string, DriftWindow> Windows)
{
    /// <summary>Whether a table with <paramref name="settings"/> and this reference file keeps the windows.</summary>
    public bool SameReference(DriftSettings settings, ReadOnlySpan<byte> referenceBytes) =>
        settings.Window == Settings.Window && referenceBytes.SequenceEqual(ReferenceBytes);
}
