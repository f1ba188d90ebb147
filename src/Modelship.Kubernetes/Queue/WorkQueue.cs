namespace Modelship.Kubernetes.Queue;

/// <summary>
/// A work queue with client-go semantics. An item is handed to at most one worker at a time: adds while it is queued
/// are dropped, adds while it is being processed mark it dirty and it is queued once more when the worker calls
/// <see cref="Done"/>. Retries wait for the rate limiter; <see cref="AddAfter"/> waits on the injected clock.
/// After <see cref="ShutDown"/> no more work is handed out; <see cref="WaitForInFlightAsync"/> waits for the workers.
/// </summary>
public sealed class WorkQueue<T> : IDisposable
    where T : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly Dictionary<T, long> _processingSince = [];
    private readonly Dictionary<T, long> _queuedSince = [];
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private readonly IRateLimiter<T> _rateLimiter;
    private readonly DelayedAddScheduler<T> _delayed;
    private readonly WorkQueueMetrics _metrics;
    private bool _shuttingDown;

    public WorkQueue(WorkQueueOptions<T> options)
    {
        Name = options.Name;
        _time = options.TimeProvider;
        _rateLimiter = options.RateLimiter ?? DefaultRateLimiter.Create<T>(options.TimeProvider);
        _delayed = new DelayedAddScheduler<T>(_time, Add);
        _metrics = new WorkQueueMetrics(options.Name);
    }

    public string Name { get; }

    /// <summary>Items waiting for a worker (not counting those being processed or delayed).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Items a worker currently holds.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _processingSince.Count;
            }
        }
    }

    /// <summary>Items waiting for their <see cref="AddAfter"/> time.</summary>
    public int Delayed => _delayed.Count;

    public bool IsShuttingDown
    {
        get
        {
            lock (_lock)
            {
                return _shuttingDown;
            }
        }
    }

    public void Add(T item)
    {
        lock (_lock)
        {
            if (_shuttingDown || !_dirty.Add(item))
            {
                return;
            }

            _metrics.Added();
            if (_processingSince.ContainsKey(item))
            {
                return;
            }

            EnqueueLocked(item);
        }
    }

    public void AddAfter(T item, TimeSpan delay)
    {
        if (IsShuttingDown)
        {
            return;
        }

        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        _delayed.Schedule(item, delay);
    }

    /// <summary>Adds the item again after the rate limiter's delay (a retry).</summary>
    public void AddRateLimited(T item)
    {
        if (IsShuttingDown)
        {
            return;
        }

        _metrics.Retried();
        AddAfter(item, _rateLimiter.When(item));
    }

    /// <summary>Resets the item's backoff (it succeeded). Does not remove it from the queue.</summary>
    public void Forget(T item) => _rateLimiter.Forget(item);

    public int NumRequeues(T item) => _rateLimiter.NumRequeues(item);

    /// <summary>Waits for an item; the caller must call <see cref="Done"/> with it when finished.</summary>
    public async Task<WorkQueueItem<T>> GetAsync(CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_shuttingDown)
            {
                return WorkQueueItem<T>.Shutdown;
            }

            if (_queue.Count > 0)
            {
                return new WorkQueueItem<T>(TakeLocked(_queue.Dequeue()), false);
            }

            waiter = new Waiter();
            waiter.Node = _waiters.AddLast(waiter);
        }

        using (cancellationToken.Register(() => Abandon(waiter, cancellationToken)))
        {
            return await waiter.Completion.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Marks the item finished; if it was added meanwhile it is queued again now.</summary>
    public void Done(T item)
    {
        lock (_lock)
        {
            if (!_processingSince.Remove(item, out var since))
            {
                return;
            }

            _metrics.Worked(_time.GetElapsedTime(since));
            if (_dirty.Contains(item))
            {
                EnqueueLocked(item);
            }

            if (_shuttingDown && _processingSince.Count == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Stops handing out work and drops delayed adds; items being processed may still finish.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            if (_shuttingDown)
            {
                return;
            }

            _shuttingDown = true;
            foreach (var waiter in _waiters)
            {
                waiter.Completion.TrySetResult(WorkQueueItem<T>.Shutdown);
            }

            _waiters.Clear();
            if (_processingSince.Count == 0)
            {
                _drained.TrySetResult();
            }
        }

        _delayed.Stop();
    }

    /// <summary>Completes once the queue is shut down and no worker holds an item.</summary>
    public Task WaitForInFlightAsync(CancellationToken cancellationToken) => _drained.Task.WaitAsync(cancellationToken);

    public void Dispose()
    {
        ShutDown();
        _delayed.Dispose();
    }

    private void EnqueueLocked(T item)
    {
        _metrics.Enqueued();
        if (_shuttingDown || _waiters.First is null)
        {
            _queue.Enqueue(item);
            _queuedSince[item] = _time.GetTimestamp();
            return;
        }

        // A worker is already waiting: hand the item straight over.
        var waiter = _waiters.First.Value;
        _waiters.RemoveFirst();
        _queuedSince[item] = _time.GetTimestamp();
        waiter.Completion.TrySetResult(new WorkQueueItem<T>(TakeLocked(item), false));
    }

    private T TakeLocked(T item)
    {
        var now = _time.GetTimestamp();
        _queuedSince.Remove(item, out var since);
        _metrics.Dequeued(_time.GetElapsedTime(since, now));
        _dirty.Remove(item);
        _processingSince[item] = now;
        return item;
    }

    private void Abandon(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // Only a waiter still in the list has not been handed an item; completing it here is race-free.
            if (waiter.Node?.List is null)
            {
                return;
            }

            _waiters.Remove(waiter.Node);
            waiter.Completion.TrySetCanceled(cancellationToken);
        }
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<WorkQueueItem<T>> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }
}
