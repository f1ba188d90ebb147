using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Modelship.Telemetry;

/// <summary>
/// Declares series that must be exposed at zero before anything is recorded, e.g. every
/// <c>modelship_reconcile_total{controller,result}</c> combination, or a histogram's series (a histogram has no
/// "record nothing" call). For counters and up-down counters <c>Add(0, tags)</c> does the same.
/// Declarations live with the instrument, so the code that owns an instrument declares its series without knowing
/// which collectors exist; every <see cref="PrometheusCollector"/> exposing the instrument shows them from its next scrape.
/// </summary>
public static class MetricSeries
{
    private static readonly ConditionalWeakTable<Instrument, DeclaredTagLists> Declarations = [];

    public static void Declare(Instrument instrument, params ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        Declarations.GetOrAdd(instrument, static _ => new DeclaredTagLists()).Add(tags.ToArray());
    }

    public static void Declare(Instrument instrument, in TagList tags)
    {
        var copy = new KeyValuePair<string, object?>[tags.Count];
        tags.CopyTo(copy);
        Declare(instrument, copy);
    }

    internal static IReadOnlyList<KeyValuePair<string, object?>[]> DeclaredFor(Instrument instrument) =>
        Declarations.TryGetValue(instrument, out var declared) ? declared.Snapshot() : [];

    private sealed class DeclaredTagLists
    {
        private readonly Lock _lock = new();
        private KeyValuePair<string, object?>[][] _tagLists = [];

        public void Add(KeyValuePair<string, object?>[] tags)
        {
            lock (_lock)
            {
                _tagLists = [.. _tagLists, tags];
            }
        }

        public KeyValuePair<string, object?>[][] Snapshot() => Volatile.Read(ref _tagLists);
    }
}
