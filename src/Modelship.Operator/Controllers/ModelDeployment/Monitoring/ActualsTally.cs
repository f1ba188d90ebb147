using System.Collections.Concurrent;
using Modelship.Kubernetes.Controllers;

namespace Modelship.Operator.Controllers.ModelDeployment.Monitoring;

/// <summary>
/// Turns the routers' actualsReceived counters (each since its router started) into a total that never decreases:
/// each read adds every Pod's increase since the last read, remembered per Pod in memory. A counter lower than last
/// seen means its router restarted, so all of it is new. A Pod seen for the first time counts in full, except on the
/// first read of a ModelDeployment by this operator process when status already has a total: its counters may already
/// be in that total, so they are only remembered. An operator restart therefore never counts an actual twice; the
/// actuals accepted between the last read before it and the first read after it are not counted.
/// </summary>
public sealed class ActualsTally
{
    private readonly ConcurrentDictionary<ObjectKey, IReadOnlyDictionary<string, long>> _lastSeen = new();

    /// <summary>The actuals received since the last read of <paramref name="key"/>; remembers the counters read.</summary>
    /// <param name="alivePods">The router Pods that exist now: the counters of others are forgotten.</param>
    public long Add(ObjectKey key, IReadOnlyList<PodReport> reports, IReadOnlySet<string> alivePods, bool statusHasTotal)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var known = _lastSeen.TryGetValue(key, out var last);
        var (added, seen) = Increase(known ? last : null, reports, alivePods, countNewPods: known || !statusHasTotal);
        _lastSeen[key] = seen;
        return added;
    }

    public void Forget(ObjectKey key) => _lastSeen.TryRemove(key, out _);

    /// <summary>Pure: the increase over <paramref name="lastSeen"/> and the counters to remember.</summary>
    public static (long Added, IReadOnlyDictionary<string, long> Seen) Increase(
        IReadOnlyDictionary<string, long>? lastSeen, IReadOnlyList<PodReport> reports, IReadOnlySet<string> alivePods, bool countNewPods)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(alivePods);
        long added = 0;
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (pod, report) in reports)
        {
            var now = Math.Max(0, report.ActualsReceived);
            if (lastSeen is not null && lastSeen.TryGetValue(pod, out var before))
            {
                added += now >= before ? now - before : now;
            }
            else if (countNewPods)
            {
                added += now;
            }
            seen[pod] = now;
        }
        // A Pod that missed one read keeps its last counter, so its next answer is not counted again; a Pod that is
        // gone is forgotten, which keeps this bounded by the router replicas.
        foreach (var (pod, before) in lastSeen ?? new Dictionary<string, long>())
        {
            if (alivePods.Contains(pod))
            {
                seen.TryAdd(pod, before);
            }
        }
        return (added, seen);
    }
}
