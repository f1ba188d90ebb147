using System.Collections.Concurrent;

namespace Modelship.Telemetry.Series;

/// <summary>
/// The series of one family. Finding an existing series is a lock-free, allocation-free lookup by the tag span;
/// only the first measurement of a new tag list takes the lock to render its labels.
/// </summary>
internal sealed class SeriesTable<TSeries>
    where TSeries : class
{
    private readonly ConcurrentDictionary<TagKey, TSeries> _byTags = new(TagKeyComparer.Instance);
    private readonly ConcurrentDictionary<TagKey, TSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _byTagSpan;
    private readonly Dictionary<string, LabeledSeries<TSeries>> _byLabels = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Func<TSeries> _create;
    private readonly string? _reservedLabel;

    public SeriesTable(Func<TSeries> create, string? reservedLabel = null)
    {
        _create = create;
        _reservedLabel = reservedLabel;
        _byTagSpan = _byTags.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
    }

    public TSeries GetOrCreate(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _byTagSpan.TryGetValue(tags, out var series) ? series : GetOrCreateSlow(tags);

    /// <summary>All series ordered by their rendered labels, so the exposition is deterministic.</summary>
    public List<LabeledSeries<TSeries>> SortedSnapshot()
    {
        List<LabeledSeries<TSeries>> snapshot;
        lock (_lock)
        {
            snapshot = [.. _byLabels.Values];
        }
        snapshot.Sort(static (x, y) => string.CompareOrdinal(x.Labels.Text, y.Labels.Text));
        return snapshot;
    }

    public void RemoveWhere(Func<TSeries, bool> predicate)
    {
        lock (_lock)
        {
            foreach (var (text, entry) in _byLabels)
            {
                if (predicate(entry.Series))
                {
                    _byLabels.Remove(text);
                }
            }
            foreach (var (key, series) in _byTags)
            {
                if (predicate(series))
                {
                    _byTags.TryRemove(key, out _);
                }
            }
        }
    }

    private TSeries GetOrCreateSlow(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = LabelSet.From(tags, _reservedLabel);
        lock (_lock)
        {
            if (!_byLabels.TryGetValue(labels.Text, out var entry))
            {
                entry = new LabeledSeries<TSeries>(labels, _create());
                _byLabels.Add(labels.Text, entry);
            }
            _byTagSpan.TryAdd(tags, entry.Series);
            return entry.Series;
        }
    }
}

internal readonly record struct LabeledSeries<TSeries>(LabelSet Labels, TSeries Series);
