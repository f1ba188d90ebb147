namespace Modelship.Kubernetes.Queue;

/// <summary>
/// Holds items until their time comes, then hands them to <c>onReady</c>. One <see cref="ITimer"/> is armed for the
/// earliest item. An item waiting twice keeps the earlier time, as client-go's delaying queue does.
/// </summary>
internal sealed class DelayedAddScheduler<T> : IDisposable
    where T : notnull
{
    private static readonly TimeSpan MinimumRearm = TimeSpan.FromMilliseconds(1);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Action<T> _onReady;
    private readonly PriorityQueue<T, long> _byDue = new();
    private readonly Dictionary<T, long> _due = [];
    private readonly ITimer _timer;
    private long _armedFor = long.MaxValue;
    private bool _stopped;

    public DelayedAddScheduler(TimeProvider time, Action<T> onReady)
    {
        _time = time;
        _onReady = onReady;
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _due.Count;
            }
        }
    }

    public void Schedule(T item, TimeSpan delay)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            var now = _time.GetTimestamp();
            var due = now + (long)(delay.TotalSeconds * _time.TimestampFrequency);
            if (_due.TryGetValue(item, out var existing) && existing <= due)
            {
                return;
            }

            // The old heap entry stays; Fire skips entries whose time no longer matches _due.
            _due[item] = due;
            _byDue.Enqueue(item, due);
            if (due < _armedFor)
            {
                ArmLocked(now, due);
            }
        }
    }

    public void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
            _due.Clear();
            _byDue.Clear();
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        Stop();
        _timer.Dispose();
    }

    private void Fire()
    {
        List<T> ready = [];
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            var now = _time.GetTimestamp();
            _armedFor = long.MaxValue;
            while (_byDue.TryPeek(out var item, out var due))
            {
                if (!_due.TryGetValue(item, out var current) || current != due)
                {
                    _byDue.Dequeue();
                    continue;
                }

                if (due > now)
                {
                    ArmLocked(now, due);
                    break;
                }

                _byDue.Dequeue();
                _due.Remove(item);
                ready.Add(item);
            }
        }

        foreach (var item in ready)
        {
            _onReady(item);
        }
    }

    private void ArmLocked(long now, long due)
    {
        _armedFor = due;
        var wait = _time.GetElapsedTime(now, due);
        _timer.Change(wait < MinimumRearm ? MinimumRearm : wait, Timeout.InfiniteTimeSpan);
    }
}
