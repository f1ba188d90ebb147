namespace Modelship.Serving.Routing;

/// <summary>
/// A bounded queue between the request path and dedicated background threads (<see cref="BackgroundThread"/>).
/// Adding never blocks and takes no lock a background thread could hold while it waits for a CPU (at a low
/// priority it may wait long, and the request would wait with it): items go into a lock-free queue, and the monitor
/// is taken only to wake a worker that is asleep. Taking is for the background threads, which block while the queue
/// is empty.
/// </summary>
public sealed class BackgroundWorkQueue<T>
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<T> _items = new();
    private readonly object _gate = new(); // Monitor.Wait/Pulse need an object monitor
    private readonly int _capacity;
    private int _count;
    private int _sleepers;
    private volatile bool _completed;

    public BackgroundWorkQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
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
        if (Volatile.Read(ref _sleepers) > 0)
        {
            lock (_gate)
            {
                Monitor.Pulse(_gate);
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
                    Monitor.Wait(_gate);
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
