using System.Collections.Concurrent;
using Modelship.Kubernetes.Controllers;

namespace Modelship.Operator.Controllers.ModelDeployment.Metrics;

/// <summary>
/// Rollouts this process ended, per ModelDeployment and <see cref="RolloutResults"/> result. Only the leader
/// reconciles, so only the leader counts; a new leader starts from 0 (a counter reset to Prometheus). The reconciler
/// counts an end once the status write that records it succeeded (<see cref="StatusTransitions.Ended"/>); that write
/// is conditional on the resourceVersion it was computed from, so a reconcile on a stale cache cannot count it again.
/// </summary>
public sealed class RolloutCounts
{
    private readonly ConcurrentDictionary<(ObjectKey Key, string Result), long> _counts = new();

    public void Ended(ObjectKey key, string result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _counts.AddOrUpdate((key, result), 1, (_, count) => count + 1);
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
    }
}
