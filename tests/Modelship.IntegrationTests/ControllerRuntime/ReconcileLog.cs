using System.Collections.Concurrent;
using k8s.Models;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;

namespace Modelship.IntegrationTests.ControllerRuntime;

/// <summary>
/// A reconciler for ConfigMaps that records, per call, who ran it, which key, which <c>data.v</c> the cache held, and
/// how many reconciles of the same key overlapped it.
/// </summary>
public sealed class ReconcileLog
{
    private readonly ConcurrentDictionary<ObjectKey, int> _runningPerKey = new();
    private int _running;
    private int _maxRunning;
    private int _maxRunningPerKey;

    public ConcurrentQueue<Call> Calls { get; } = new();

    public int MaxConcurrentReconciles => Volatile.Read(ref _maxRunning);

    public int MaxConcurrentReconcilesOfOneKey => Volatile.Read(ref _maxRunningPerKey);

    public IEnumerable<Call> Of(string name) => Calls.Where(c => c.Key.Name == name);

    /// <summary>The <c>data.v</c> the last reconcile of <paramref name="name"/> saw; null if never reconciled or absent.</summary>
    public string? LastSeenVersion(string name) => Of(name).LastOrDefault()?.SeenVersion;

    public Func<ObjectKey, CancellationToken, Task<ReconcileResult>> Reconciler(
        ObjectCache<V1ConfigMap> cache, string identity = "", TimeSpan? work = null) => async (key, ct) =>
    {
        var running = Interlocked.Increment(ref _running);
        var runningOfKey = _runningPerKey.AddOrUpdate(key, 1, (_, n) => n + 1);
        Max(ref _maxRunning, running);
        Max(ref _maxRunningPerKey, runningOfKey);
        try
        {
            var seen = cache.Get(key);
            Calls.Enqueue(new Call(identity, key, seen is null ? null : seen.DataValue("v") ?? "", DateTime.UtcNow));
            if (work is { } duration)
            {
                await Task.Delay(duration, ct);
            }

            return ReconcileResult.Done;
        }
        finally
        {
            _runningPerKey.AddOrUpdate(key, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _running);
        }
    };

    private static void Max(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    /// <param name="SeenVersion">null when the object was no longer in the cache (deleted).</param>
    public sealed record Call(string Identity, ObjectKey Key, string? SeenVersion, DateTime At);
}
