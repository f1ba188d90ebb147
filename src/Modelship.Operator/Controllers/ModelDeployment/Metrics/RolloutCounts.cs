using System.Collections.Concurrent;
using Modelship.Kubernetes.Controllers;

namespace Modelship.Operator.Controllers.ModelDeployment.Metrics;

/// <summary>
/// Rollouts this process ended, per ModelDeployment and <see cref="RolloutResults"/> result. Only the leader
/// reconciles, so only the leader counts; a new leader starts from 0 (a counter reset to Prometheus).
/// </summary>
/// <remarks>
/// A reconcile can run on a cached ModelDeployment that does not show its previous reconcile's status write yet, and
/// then decides the same end of the same rollout again. A rollout is the new version a spec generation asks for (a
/// failed one is not retried until the spec changes), so an end is counted once per generation and version.
/// </remarks>
public sealed class RolloutCounts
{
    private readonly ConcurrentDictionary<(ObjectKey Key, string Result), long> _counts = new();
    private readonly ConcurrentDictionary<ObjectKey, (long? Generation, string Version)> _lastEnded = new();

    /// <returns>False when this end of this rollout was counted already.</returns>
    public bool Ended(ObjectKey key, long? generation, string version, string result)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(result);
        var rollout = (generation, version);
        if (_lastEnded.TryGetValue(key, out var last) && last == rollout)
        {
            return false;
        }
        _lastEnded[key] = rollout;
        _counts.AddOrUpdate((key, result), 1, (_, count) => count + 1);
        return true;
    }

    public long Count(ObjectKey key, string result) => _counts.GetValueOrDefault((key, result));

    /// <summary>Drops the counts of ModelDeployments that no longer exist, so deleted objects leave no series behind.</summary>
    public void KeepOnly(IReadOnlySet<ObjectKey> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        foreach (var entry in _counts.Keys.Where(k => !existing.Contains(k.Key)))
        {
            _counts.TryRemove(entry, out _);
        }
        foreach (var key in _lastEnded.Keys.Where(k => !existing.Contains(k)))
        {
            _lastEnded.TryRemove(key, out _);
        }
    }
}
