using System.Collections.Concurrent;
using System.Globalization;
using k8s.Models;
using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Controllers;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Monitoring;

/// <summary>
/// The monitoring part of a ModelDeployment's status, read from its routers at most once per
/// spec.monitoring.statusInterval: a reconcile in between gets the parts of the last read (remembered in memory, so a
/// status write refused with a conflict is retried with the same figures, not a new read). A new operator process
/// reads on its first reconcile.
/// </summary>
public sealed class MonitoringStatusReader(RouterMonitoringReader reader)
{
    private readonly ConcurrentDictionary<ObjectKey, (DateTimeOffset ReadAt, MonitoringStatusParts Parts)> _last = new();
    private readonly ActualsTally _actuals = new();

    /// <summary>The parts to write and when the next read is due; null when spec.monitoring is not set.</summary>
    /// <param name="routerPods">The ready router Pods; those with an IP are read.</param>
    /// <param name="allRouterPods">Every router Pod that exists, ready or not (their actuals counters are kept).</param>
    public async Task<(MonitoringStatusParts Parts, DateTimeOffset NextRead)?> ReadAsync(
        ObjectKey key, MD deployment, IEnumerable<V1Pod> routerPods, IEnumerable<V1Pod> allRouterPods, int routerPort, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (deployment.Spec.Monitoring is not { } monitoring)
        {
            Forget(key);
            return null;
        }
        var interval = EffectiveMonitoring.StatusInterval(monitoring);
        var found = _last.TryGetValue(key, out var last);
        if (found && now < last.ReadAt + interval)
        {
            return (last.Parts, last.ReadAt + interval);
        }
        var lastParts = found ? last.Parts : null;

        var routers = Urls(routerPods, routerPort);
        var answered = await reader.ReadAllAsync(routers, cancellationToken).ConfigureAwait(false);
        var parts = answered.Reports.Count == 0
            ? lastParts ?? MonitoringStatusParts.Kept(monitoring, deployment.Status)
            : Parts(key, deployment, monitoring, answered, allRouterPods, lastParts, now);
        _last[key] = (now, parts);
        return (parts, now + interval);
    }

    public void Forget(ObjectKey key)
    {
        _last.TryRemove(key, out _);
        _actuals.Forget(key);
    }

    private MonitoringStatusParts Parts(
        ObjectKey key, MD deployment, MonitoringSpec monitoring, RouterReports answered, IEnumerable<V1Pod> allRouterPods, MonitoringStatusParts? last, DateTimeOffset now)
    {
        var minSamples = monitoring.Drift is { } drift ? EffectiveMonitoring.DriftMinSamples(drift) : ModelDeploymentDefaults.DriftMinSamples;
        var merged = MonitoringReportMerge.Merge([.. answered.Reports.Select(r => r.Report)], minSamples);
        // The total this process last computed, else status's (a write refused since would otherwise lose an increase).
        var total = last?.Accuracy?.ActualsReceived ?? deployment.Status?.Accuracy?.ActualsReceived;
        var alive = allRouterPods.Select(PodIdentity).ToHashSet(StringComparer.Ordinal);
        var added = _actuals.Add(key, answered.Reports, alive, statusHasTotal: total is not null);
        // The previous status the new parts are compared with: this process's last parts when it has them.
        var previous = last is null ? deployment.Status : (deployment.Status ?? new ModelDeploymentStatus()) with
        {
            ServiceStats = last.ServiceStats,
            Drift = last.Drift,
            Accuracy = last.Accuracy,
        };
        return MonitoringStatus.Build(monitoring, merged, (total ?? 0) + added, previous, now);
    }

    /// <summary>A Pod's name and uid: a Pod recreated under the same name (a StatefulSet would) starts its counters again.</summary>
    public static string PodIdentity(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return $"{pod.Metadata.Name}/{pod.Metadata.Uid}";
    }

    /// <summary><c>http://&lt;pod IP&gt;:&lt;port&gt;/v2/monitoring</c> of every Pod with an IP.</summary>
    public static IReadOnlyList<(string Pod, Uri Url)> Urls(IEnumerable<V1Pod> pods, int routerPort)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var port = routerPort.ToString(CultureInfo.InvariantCulture);
        return [.. pods
            .Where(p => p.Status?.PodIP is { Length: > 0 })
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => (PodIdentity(p), new Uri($"http://{(p.Status.PodIP.Contains(':', StringComparison.Ordinal) ? $"[{p.Status.PodIP}]" : p.Status.PodIP)}:{port}{RouterMonitoringReader.Path}")))];
    }
}
