using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Kubernetes.Queue;

namespace Modelship.Kubernetes.Controllers;

/// <summary>
/// Feeds keys from its sources into a work queue and runs <see cref="ControllerOptions.MaxConcurrentReconciles"/>
/// workers over it. Build one with <see cref="ControllerBuilder"/>; run it once with <see cref="RunAsync"/>.
/// </summary>
public sealed class Controller : IDisposable
{
    private readonly ControllerOptions _options;
    private readonly IReconciler _reconciler;
    private readonly IReadOnlyList<IControllerSource> _sources;
    private readonly ILogger _logger;
    private readonly ControllerMetrics _metrics;
    private readonly CancellationTokenSource _abortReconciles = new();
    private int _started;

    public Controller(ControllerOptions options, IReconciler reconciler, IReadOnlyList<IControllerSource> sources, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentReconciles, 1);
        _options = options;
        _reconciler = reconciler;
        _sources = sources;
        _logger = logger ?? NullLogger.Instance;
        _metrics = new ControllerMetrics(options.Name);
        Queue = new WorkQueue<ObjectKey>(new WorkQueueOptions<ObjectKey>
        {
            Name = options.Name,
            TimeProvider = options.TimeProvider,
            RateLimiter = options.RateLimiter,
        });
    }

    public string Name => _options.Name;

    public WorkQueue<ObjectKey> Queue { get; }

    /// <summary>True once the sources' caches have synced and the workers run.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>
    /// Starts the sources, waits for their caches, runs the workers until <paramref name="cancellationToken"/> fires,
    /// then stops taking work and waits up to <see cref="ControllerOptions.ShutdownTimeout"/> for in-flight reconciles.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"Controller {Name} can run only once.");
        }

        var registrations = _sources.Select(source => source.Start(Queue)).ToList();
        try
        {
            if (!await WaitForCachesAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            ControllerLog.StartingWorkers(_logger, Name, _options.MaxConcurrentReconciles);
            var workers = Enumerable.Range(0, _options.MaxConcurrentReconciles).Select(_ => Task.Run(WorkAsync, CancellationToken.None)).ToArray();
            IsRunning = true;
            // Stop handing out work the moment stop is asked, not when this method's continuation gets to run.
            using (cancellationToken.Register(Queue.ShutDown))
            {
                await WaitForCancellationAsync(cancellationToken).ConfigureAwait(false);
            }

            ControllerLog.Stopping(_logger, Name, Queue.InFlight);
            Queue.ShutDown();
            var all = Task.WhenAll(workers);
            var timeout = Task.Delay(_options.ShutdownTimeout, _options.TimeProvider, CancellationToken.None);
            if (await Task.WhenAny(all, timeout).ConfigureAwait(false) != all)
            {
                ControllerLog.ShutdownTimedOut(_logger, Name, _options.ShutdownTimeout.TotalSeconds);
                await _abortReconciles.CancelAsync().ConfigureAwait(false);
                await all.ConfigureAwait(false);
            }

            IsRunning = false;
            ControllerLog.Stopped(_logger, Name);
        }
        finally
        {
            Queue.ShutDown();
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }

    /// <summary>Also disposes the reconciler when it is <see cref="IDisposable"/> (e.g. it owns a Meter).</summary>
    public void Dispose()
    {
        Queue.Dispose();
        _abortReconciles.Dispose();
        (_reconciler as IDisposable)?.Dispose();
    }

    private async Task<bool> WaitForCachesAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.CacheSyncTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            foreach (var source in _sources)
            {
                await source.Informer.WaitForCacheSyncAsync(linked.Token).ConfigureAwait(false);
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            var pending = string.Join(", ", _sources.Where(s => !s.Informer.HasSynced).Select(s => s.Informer.Resource.ToString()));
            throw new TimeoutException($"Controller {Name}: caches of {pending} did not sync within {_options.CacheSyncTimeout}.", ex);
        }
    }

    private static async Task WaitForCancellationAsync(CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetResult()))
        {
            await cancelled.Task.ConfigureAwait(false);
        }
    }

    private async Task WorkAsync()
    {
        while (true)
        {
            var taken = await Queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (taken.IsShutdown)
            {
                return;
            }

            _metrics.WorkerBusy();
            try
            {
                await ReconcileAsync(taken.Item).ConfigureAwait(false);
            }
            finally
            {
                _metrics.WorkerIdle();
                Queue.Done(taken.Item);
            }
        }
    }

    private async Task ReconcileAsync(ObjectKey key)
    {
        using var scope = ControllerLog.ReconcileScope(_logger, Name, key);
        var started = _options.TimeProvider.GetTimestamp();
        string outcome;
        try
        {
            var result = await _reconciler.ReconcileAsync(key, _abortReconciles.Token).ConfigureAwait(false);
            outcome = Follow(key, result);
        }
        catch (TerminalReconcileException ex)
        {
            outcome = ReconcileOutcome.Error;
            _metrics.Terminal();
            Queue.Forget(key);
            ControllerLog.ReconcileTerminal(_logger, ex, Name, key.ToString());
        }
        catch (OperationCanceledException) when (_abortReconciles.IsCancellationRequested)
        {
            outcome = ReconcileOutcome.Error;
            ControllerLog.ReconcileCancelled(_logger, Name, key.ToString());
        }
        catch (Exception ex)
        {
            outcome = ReconcileOutcome.Error;
            ControllerLog.ReconcileFailed(_logger, ex, Name, key.ToString(), Queue.NumRequeues(key) + 1);
            Queue.AddRateLimited(key);
        }

        var took = _options.TimeProvider.GetElapsedTime(started);
        _metrics.Reconciled(outcome, took);
        ControllerLog.Reconciled(_logger, Name, key.ToString(), outcome, took.TotalMilliseconds);
    }

    private string Follow(ObjectKey key, ReconcileResult result)
    {
        if (result.RequeueDelay is { } delay)
        {
            Queue.Forget(key);
            Queue.AddAfter(key, delay);
            return ReconcileOutcome.RequeueAfter;
        }

        if (result.RequeueWithBackoff)
        {
            Queue.AddRateLimited(key);
            return ReconcileOutcome.Requeue;
        }

        Queue.Forget(key);
        return ReconcileOutcome.Success;
    }
}
