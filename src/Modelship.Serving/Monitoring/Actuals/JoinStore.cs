using System.Globalization;

namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>
/// The join of predictions and actuals by association id, on disk: append-only segment files (<see cref="JoinRecordJson"/>
/// lines) in one directory, and in memory only an index from id to the prediction's segment and offset, bounded by
/// <see cref="JoinLimits.MaxPredictions"/> and the retention (oldest first). An actual that comes before its
/// prediction waits in a bounded pending set (also on disk). A segment is deleted once nothing in the index points
/// into it. <see cref="Open"/> rebuilds the index by reading the segments, so a restarted router keeps its joins.
/// Not thread-safe: the owner serializes calls.
/// </summary>
public sealed class JoinStore : IDisposable
{
    private const string Prefix = "joins-";
    private const string Suffix = ".jsonl";
    private const int MaxLineBytes = 1 << 20;

    private readonly string _directory;
    private readonly long _maxSegmentBytes;
    private readonly Dictionary<string, IndexEntry> _predictions = new(StringComparer.Ordinal);
    private readonly Queue<IndexEntry> _predictionOrder = new();
    private readonly Dictionary<string, PendingActual> _pending = new(StringComparer.Ordinal);
    private readonly Queue<PendingActual> _pendingOrder = new();
    private readonly Dictionary<int, int> _liveRecords = [];
    private FileStream? _active;
    private int _activeSegment;

    private JoinStore(string directory, long maxSegmentBytes)
    {
        _directory = directory;
        _maxSegmentBytes = maxSegmentBytes;
    }

    /// <summary>Predictions in the index (joined or waiting).</summary>
    public int Predictions => _predictions.Count;

    /// <summary>Actuals waiting for their prediction.</summary>
    public int Pending => _pending.Count;

    /// <summary>Segment files on disk.</summary>
    public int Segments => SegmentNumbers().Count;

    /// <summary>
    /// Opens the store in <paramref name="directory"/> (created if missing), replaying its segments: each pair that
    /// was joined before goes to <paramref name="joined"/>, in the order the pairs were made.
    /// </summary>
    public static JoinStore Open(string directory, JoinLimits limits, DateTimeOffset now, Action<JoinedActual> joined, long maxSegmentBytes = 8 << 20)
    {
        Directory.CreateDirectory(directory);
        var store = new JoinStore(directory, maxSegmentBytes);
        var segments = store.SegmentNumbers();
        foreach (var segment in segments)
        {
            store.Replay(segment, joined);
        }
        // Always a new segment: the last one may end in a line cut short by a crash.
        store._activeSegment = segments.Count > 0 ? segments[^1] + 1 : 1;
        store.Enforce(limits, now);
        store.DeleteUnusedSegments();
        return store;
    }

    /// <summary>Stores a prediction; when its actual was waiting, returns the pair. A second prediction for an id is ignored.</summary>
    public JoinedActual? AddPrediction(Prediction prediction, JoinLimits limits, DateTimeOffset now)
    {
        if (_predictions.ContainsKey(prediction.AssociationId))
        {
            return null;
        }
        var (segment, offset) = Append(JoinRecordJson.Prediction(prediction));
        var result = Index(prediction, segment, offset);
        Enforce(limits, now);
        return result;
    }

    /// <summary>Applies an actual received at <paramref name="now"/>: joined with its prediction, kept pending, or a duplicate.</summary>
    public (ActualResult Result, JoinedActual? Joined) AddActual(string associationId, ActualValue actual, JoinLimits limits, DateTimeOffset now)
    {
        if (_pending.ContainsKey(associationId) || (_predictions.TryGetValue(associationId, out var known) && known.ActualSegment != 0))
        {
            return (ActualResult.Duplicate, null);
        }
        var (segment, _) = Append(JoinRecordJson.Actual(associationId, actual, now));
        var outcome = Apply(associationId, actual, now, segment, p => ReadPrediction(p));
        Enforce(limits, now);
        return outcome;
    }

    /// <summary>Makes appended records visible to readers (and to a restarted router).</summary>
    public void Flush() => _active?.Flush();

    public void Dispose() => _active?.Dispose();

    private void Replay(int segment, Action<JoinedActual> joined)
    {
        var path = PathOf(segment);
        var bytes = File.ReadAllBytes(path);
        var start = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
            {
                break;
            }
            switch (JoinRecordJson.Parse(bytes.AsSpan(start, end - start)))
            {
                case Prediction prediction when !_predictions.ContainsKey(prediction.AssociationId):
                    if (Index(prediction, segment, start) is { } pair)
                    {
                        joined(pair);
                    }
                    break;
                case ReceivedActual actual:
                    var (_, pairFromActual) = Apply(actual.AssociationId, actual.Actual, actual.Timestamp!.Value, segment, ReadPrediction);
                    if (pairFromActual is not null)
                    {
                        joined(pairFromActual);
                    }
                    break;
            }
            start = end + 1;
        }
    }

    private JoinedActual? Index(Prediction prediction, int segment, long offset)
    {
        var entry = new IndexEntry(prediction.AssociationId, segment, offset, prediction.Time);
        _predictions[prediction.AssociationId] = entry;
        _predictionOrder.Enqueue(entry);
        Retain(segment);
        if (!_pending.Remove(prediction.AssociationId, out var waiting))
        {
            return null;
        }
        // The pending actual's record now belongs to the entry: its segment stays referenced once.
        entry.ActualSegment = waiting.Segment;
        return new JoinedActual(prediction, waiting.Actual);
    }

    private (ActualResult, JoinedActual?) Apply(string associationId, ActualValue actual, DateTimeOffset time, int segment, Func<IndexEntry, Prediction?> read)
    {
        if (_predictions.TryGetValue(associationId, out var entry))
        {
            if (entry.ActualSegment != 0)
            {
                return (ActualResult.Duplicate, null);
            }
            entry.ActualSegment = segment;
            Retain(segment);
            return read(entry) is { } prediction ? (ActualResult.Joined, new JoinedActual(prediction, actual)) : (ActualResult.Joined, null);
        }
        if (_pending.ContainsKey(associationId))
        {
            return (ActualResult.Duplicate, null);
        }
        var pending = new PendingActual(associationId, actual, segment, time);
        _pending[associationId] = pending;
        _pendingOrder.Enqueue(pending);
        Retain(segment);
        return (ActualResult.Unmatched, null);
    }

    /// <summary>Drops the oldest predictions and pending actuals beyond the count bounds or older than the retention.</summary>
    private void Enforce(JoinLimits limits, DateTimeOffset now)
    {
        var oldest = now - limits.Retention;
        while (_predictionOrder.TryPeek(out var entry) && (_predictions.Count > limits.MaxPredictions || entry.Time < oldest || !IsCurrent(entry)))
        {
            _predictionOrder.Dequeue();
            if (IsCurrent(entry))
            {
                _predictions.Remove(entry.Id);
                Release(entry.Segment);
                if (entry.ActualSegment != 0)
                {
                    Release(entry.ActualSegment);
                }
            }
        }
        while (_pendingOrder.TryPeek(out var pending) && (_pending.Count > limits.MaxPending || pending.Time < oldest || !IsCurrent(pending)))
        {
            _pendingOrder.Dequeue();
            if (IsCurrent(pending))
            {
                _pending.Remove(pending.Id);
                Release(pending.Segment);
            }
        }
    }

    private bool IsCurrent(IndexEntry entry) => _predictions.TryGetValue(entry.Id, out var current) && ReferenceEquals(current, entry);

    private bool IsCurrent(PendingActual pending) => _pending.TryGetValue(pending.Id, out var current) && ReferenceEquals(current, pending);

    private void Retain(int segment) => _liveRecords[segment] = _liveRecords.GetValueOrDefault(segment) + 1;

    private void Release(int segment)
    {
        var left = _liveRecords.GetValueOrDefault(segment) - 1;
        if (left > 0)
        {
            _liveRecords[segment] = left;
            return;
        }
        _liveRecords.Remove(segment);
        if (segment != _activeSegment)
        {
            File.Delete(PathOf(segment));
        }
    }

    private void DeleteUnusedSegments()
    {
        foreach (var segment in SegmentNumbers())
        {
            if (segment != _activeSegment && !_liveRecords.ContainsKey(segment))
            {
                File.Delete(PathOf(segment));
            }
        }
    }

    private (int Segment, long Offset) Append(byte[] line)
    {
        if (_active is null || _active.Position >= _maxSegmentBytes)
        {
            if (_active is not null)
            {
                _active.Dispose();
                var finished = _activeSegment;
                _activeSegment++;
                if (!_liveRecords.ContainsKey(finished))
                {
                    File.Delete(PathOf(finished));
                }
            }
            _active = new FileStream(PathOf(_activeSegment), FileMode.Append, FileAccess.Write, FileShare.Read | FileShare.Delete);
        }
        var offset = _active.Position;
        _active.Write(line);
        return (_activeSegment, offset);
    }

    private Prediction? ReadPrediction(IndexEntry entry)
    {
        if (entry.Segment == _activeSegment)
        {
            _active?.Flush();
        }
        using var file = new FileStream(PathOf(entry.Segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        file.Seek(entry.Offset, SeekOrigin.Begin);
        var buffer = new byte[Math.Min(MaxLineBytes, Math.Max(0, file.Length - entry.Offset))];
        var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var end = Array.IndexOf(buffer, (byte)'\n', 0, read);
        return JoinRecordJson.Parse(buffer.AsSpan(0, end < 0 ? read : end)) as Prediction;
    }

    private string PathOf(int segment) => Path.Combine(_directory, Prefix + segment.ToString("D8", CultureInfo.InvariantCulture) + Suffix);

    private List<int> SegmentNumbers()
    {
        var numbers = new List<int>();
        foreach (var path in Directory.EnumerateFiles(_directory, Prefix + "*" + Suffix))
        {
            var name = Path.GetFileName(path);
            if (int.TryParse(name.AsSpan(Prefix.Length, name.Length - Prefix.Length - Suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                numbers.Add(number);
            }
        }
        numbers.Sort();
        return numbers;
    }

    /// <summary>Where a prediction's line is, and the segment of its actual's line once one came (0: none yet).</summary>
    private sealed class IndexEntry(string id, int segment, long offset, DateTimeOffset time)
    {
        public string Id { get; } = id;

        public int Segment { get; } = segment;

        public long Offset { get; } = offset;

        public DateTimeOffset Time { get; } = time;

        public int ActualSegment { get; set; }
    }

    private sealed record PendingActual(string Id, ActualValue Actual, int Segment, DateTimeOffset Time);
}
