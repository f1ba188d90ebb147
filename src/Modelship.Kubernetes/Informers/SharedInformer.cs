using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Watch;

namespace Modelship.Kubernetes.Informers;

/// <summary>
/// Keeps an <see cref="ObjectCache{T}"/> of one kind current from a list-then-watch stream and tells the registered
/// handlers what changed. A relist (first list, or after 410 Gone) replaces the cache: objects that vanished while
/// not watched are reported deleted, changed ones updated. Reconnecting a silent or broken watch is the stream's
/// job (<see cref="ListWatcher{T}"/>); if the stream itself fails, the informer starts over with a fresh list.
/// Objects are cached without their managedFields (<see cref="ManagedFieldsTransform"/>) and reshaped by the
/// informer's <see cref="InformerOptions.Transform"/>. With a resync period, every cached object is handed to the
/// handlers again as an update from itself to itself, as client-go's resync does (controller-runtime's SyncPeriod): a
/// safety net that reconciles everything now and then without asking the API server for anything.
/// </summary>
public sealed class SharedInformer<T> : ISharedInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    private readonly Func<CancellationToken, IAsyncEnumerable<ListWatchEvent<T>>> _events;
    private readonly Func<T, T> _transform;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan? _resyncPeriod;
    private readonly Random _random;
    private readonly Lock _dispatchLock = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IInformerEventHandler<T>[] _handlers = [];
    private int _running;

    /// <param name="events">The list-watch stream, e.g. <c>ct =&gt; client.For&lt;T&gt;().ListWatch(ns).WatchAsync(ct)</c>.</param>
    /// <param name="transform">Reshapes each object before it is cached (<see cref="InformerOptions.Transform"/>).</param>
    /// <param name="resyncPeriod">How often every cached object is handed to the handlers again (±10 %); null: never.</param>
    /// <param name="random">Where the resync's jitter comes from (informers that start together do not resync together).</param>
    public SharedInformer(
        ResourceType resource,
        Func<CancellationToken, IAsyncEnumerable<ListWatchEvent<T>>> events,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>>? transform = null,
        TimeSpan? resyncPeriod = null,
        Random? random = null)
    {
        if (resyncPeriod is { } period)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero, nameof(resyncPeriod));
        }
        Resource = resource;
        _events = events;
        _transform = transform is null
            ? ManagedFieldsTransform.Strip
            : obj => ManagedFieldsTransform.Strip((T)transform(obj));
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _resyncPeriod = resyncPeriod;
        _random = random ?? Random.Shared;
    }

    public ResourceType Resource { get; }

    public ObjectCache<T> Cache { get; } = new();

    public bool HasSynced => _synced.Task.IsCompleted;

    public Task WaitForCacheSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Registers a handler. It first receives an add for every object already cached, then every later change, so
    /// a handler registered late misses nothing. Dispose the result to unregister.
    /// </summary>
    public IDisposable AddEventHandler(IInformerEventHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatchLock)
        {
            foreach (var obj in Cache.List())
            {
                Invoke(handler, new CacheChange<T>(CacheChangeType.Added, null, obj));
            }

            _handlers = [.. _handlers, handler];
        }

        return new Registration(this, handler);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"The informer for {Resource} is already running.");
        }

        using var stopResync = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var resync = _resyncPeriod is { } period ? ResyncAsync(period, stopResync.Token) : Task.CompletedTask;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await foreach (var change in _events(cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
                    {
                        Apply(change);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    InformerLog.LoopFailed(_logger, ex, Resource.ToString(), RestartDelay.TotalSeconds);
                }

                await Task.Delay(RestartDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await stopResync.CancelAsync().ConfigureAwait(false);
            await resync.ConfigureAwait(false);
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Every period (jittered by ±10 %, as controller-runtime does), once synced, hands every cached object on again.</summary>
    private async Task ResyncAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        try
        {
            await WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                await Task.Delay(period * (0.9 + (0.2 * _random.NextDouble())), _time, cancellationToken).ConfigureAwait(false);
                Resync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Resync()
    {
        lock (_dispatchLock)
        {
            var cached = Cache.List();
            foreach (var obj in cached)
            {
                Dispatch(new CacheChange<T>(CacheChangeType.Updated, obj, obj));
            }

            InformerLog.Resynced(_logger, Resource.ToString(), cached.Count);
        }
    }

    private void Apply(ListWatchEvent<T> change)
    {
        lock (_dispatchLock)
        {
            switch (change.Type)
            {
                case ListWatchEventType.Snapshot:
                    ApplySnapshot(change);
                    break;
                case ListWatchEventType.Added or ListWatchEventType.Modified when change.Object is not null:
                    Dispatch(Cache.Upsert(_transform(change.Object)));
                    break;
                case ListWatchEventType.Deleted when change.Object is not null:
                    if (Cache.Delete(change.Object) is { } deleted)
                    {
                        Dispatch(deleted);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private void ApplySnapshot(ListWatchEvent<T> snapshot)
    {
        var changes = Cache.Replace([.. snapshot.Items.Select(_transform)], snapshot.Namespace);
        foreach (var change in changes)
        {
            Dispatch(change);
        }

        if (_synced.TrySetResult())
        {
            InformerLog.Synced(_logger, Resource.ToString(), snapshot.Items.Count, snapshot.ResourceVersion);
        }
        else
        {
            InformerLog.Relisted(
                _logger,
                Resource.ToString(),
                snapshot.Items.Count,
                changes.Count(c => c.Type == CacheChangeType.Added),
                changes.Count(c => c.Type == CacheChangeType.Updated),
                changes.Count(c => c.Type == CacheChangeType.Deleted));
        }
    }

    private void Dispatch(CacheChange<T> change)
    {
        foreach (var handler in _handlers)
        {
            Invoke(handler, change);
        }
    }

    private void Invoke(IInformerEventHandler<T> handler, CacheChange<T> change)
    {
        try
        {
            switch (change.Type)
            {
                case CacheChangeType.Added:
                    handler.OnAdd(change.New!);
                    break;
                case CacheChangeType.Updated:
                    handler.OnUpdate(change.Old!, change.New!);
                    break;
                case CacheChangeType.Deleted:
                    handler.OnDelete(change.Old!);
                    break;
                default:
                    break;
            }
        }
        catch (Exception ex)
        {
            var obj = change.New ?? change.Old!;
            InformerLog.HandlerFailed(_logger, ex, Resource.ToString(), ObjectKey.From(obj).ToString());
        }
    }

    private void Remove(IInformerEventHandler<T> handler)
    {
        lock (_dispatchLock)
        {
            _handlers = [.. _handlers.Where(h => !ReferenceEquals(h, handler))];
        }
    }

    private sealed class Registration(SharedInformer<T> informer, IInformerEventHandler<T> handler) : IDisposable
    {
        public void Dispose() => informer.Remove(handler);
    }
}
