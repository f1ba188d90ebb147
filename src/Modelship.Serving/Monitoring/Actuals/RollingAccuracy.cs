using System.Collections.Concurrent;
using Modelship.Api.Routing;

namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>The last <c>window</c> joined actuals per version, and the accuracy metrics computed over them when read.</summary>
public sealed class RollingAccuracy
{
    private readonly ConcurrentDictionary<string, Queue<JoinedActual>> _byVersion = new(StringComparer.Ordinal);

    public void Add(JoinedActual joined, int window)
    {
        var queue = _byVersion.GetOrAdd(joined.Prediction.Version, _ => new Queue<JoinedActual>());
        lock (queue)
        {
            queue.Enqueue(joined);
            while (queue.Count > Math.Max(1, window))
            {
                queue.Dequeue();
            }
        }
    }

    /// <summary>Accuracy per version over its last <paramref name="window"/> pairs, ordered by version.</summary>
    public IReadOnlyList<VersionAccuracy> Read(ModelTask task, int window)
    {
        var result = new List<VersionAccuracy>();
        foreach (var (version, queue) in _byVersion.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            JoinedActual[] pairs;
            lock (queue)
            {
                pairs = [.. queue.Skip(Math.Max(0, queue.Count - window))];
            }
            result.Add(new VersionAccuracy { Version = version, Actuals = pairs.Length, Metrics = AccuracyMetrics.Compute(task, pairs) });
        }
        return result;
    }
}
