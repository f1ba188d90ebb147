namespace Modelship.Serving.Routing;

/// <summary>
/// A bounded queue between the request path and dedicated background threads (<see cref="BackgroundThread"/>).
/// Adding never blocks, not even on a lock a background thread holds while it waits for a CPU (at a low priority it
/// may wait long, and the request, or with inline scheduling the router's socket event thread, would wait with it):
/// items go into a lock-free queue, and a sleeping worker is woken only if the monitor is free at that moment. When
/// it is not (a worker is just going to sleep or waking up), the wake-up is skipped, and a worker that went to sleep
/// without seeing the item finds it at the latest after <see cref="RecheckInterval"/>. Taking is for the background
/// threads, which block while the queue is empty.
/// With a poll interval the adder never wakes a worker at all: the worker drains the queue, then sleeps for the
/// interval. For consumers that may run a few milliseconds late (the monitors), this saves the request path a wake-up
/// (a futex call, and a context switch on a busy machine) per request and lets the worker take items in batches.
/// </summary>
public sealed class BackgroundWorkQueue<T>
{
    /// <summary>How long a sleeping worker waits before it looks at the queue again without being woken.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(250);

    private readonly System.Collections.Concurrent.ConcurrentQueue<T> _items = new();
    private readonly object _gate = new(); // Monitor.Wait/Pulse need an object monitor
    private readonly int _capacity;
    private readonly TimeSpan? _pollInterval;
    private int _count;
    private int _sleepers;
    private volatile bool _completed;

    /// <param name="capacity">Most items waiting; adding more fails.</param>
    /// <param name="pollInterval">When set, adding never wakes a worker; a worker with nothing to do sleeps this long.</param>
    public BackgroundWorkQueue(int capacity, TimeSpan? pollInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        if (pollInterval is { } interval)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(pollInterval));
        }
        _capacity = capacity;
        _pollInterval = pollInterval;
    }

    /// <summary>Items waiting to be taken.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>True after <see cref="Complete"/>: nothing more is added, takers stop once the queue is empty.</summary>
    public bool IsCompleted => _completed;

    /// <summary>Adds the item unless the queue is full or completed; never waits.</summary>
    public bool TryAdd(T item)
    {
        if (_completed)
        {
            return false;
        }
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }
        _items.Enqueue(item);
        // Enqueue is a full fence; a worker increments _sleepers (also a fence) before it looks at the queue, so either
        // it sees the item or we see it asleep.
        if (_pollInterval is null && Volatile.Read(ref _sleepers) > 0 && Monitor.TryEnter(_gate))
        {
            try
            {
                Monitor.Pulse(_gate);
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }
        return true;
    }

    /// <summary>Takes an item if one is waiting; never blocks.</summary>
    public bool TryTake(out T item)
    {
        if (_items.TryDequeue(out item!))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }
        return false;
    }

    /// <summary>Blocks until an item is waiting (true) or the queue is completed and empty (false).</summary>
    public bool WaitForItems()
    {
        if (!_items.IsEmpty)
        {
            return true;
        }
        lock (_gate)
        {
            Interlocked.Increment(ref _sleepers);
            try
            {
                while (_items.IsEmpty && !_completed)
                {
                    Monitor.Wait(_gate, _pollInterval ?? RecheckInterval);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _sleepers);
            }
        }
        return !_items.IsEmpty;
    }

    /// <summary>Refuses further items and wakes every waiting worker.</summary>
    public void Complete()
    {
        _completed = true;
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }
}
