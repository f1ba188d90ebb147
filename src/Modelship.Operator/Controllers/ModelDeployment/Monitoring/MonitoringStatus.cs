using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Modelship.Api.Defaults;
using Modelship.Api.Routing;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Monitoring;

/// <summary>
/// Pure: status.serviceStats, status.drift and status.accuracy from the merged report (<see cref="MonitoringReportMerge"/>),
/// bounded (10 versions, 5 features and predictions each, worst first). A summary whose content equals what status
/// says keeps status's updatedAt, so a read that changes nothing makes no status write.
/// </summary>
public static class MonitoringStatus
{
    private static readonly Dictionary<string, int> RoleOrder = new(StringComparer.Ordinal) { ["champion"] = 0, ["challenger"] = 1, ["shadow"] = 2 };

    public static MonitoringStatusParts Build(MonitoringSpec monitoring, MonitoringReport merged, long actualsReceived, ModelDeploymentStatus? previous, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(monitoring);
        ArgumentNullException.ThrowIfNull(merged);
        var serviceStats = Stamped(new ServiceStatsStatus { Versions = ServiceStats(merged.ServiceStats) }, previous?.ServiceStats, s => s.UpdatedAt, (s, t) => s with { UpdatedAt = t }, ModelshipApiJsonContext.Default.ServiceStatsStatus, now);
        DriftStatus? drift = null;
        if (monitoring.Drift is { } driftSpec)
        {
            drift = Stamped(new DriftStatus { Versions = Drift(merged.Drift, driftSpec) }, previous?.Drift, s => s.UpdatedAt, (s, t) => s with { UpdatedAt = t }, ModelshipApiJsonContext.Default.DriftStatus, now);
        }
        AccuracyStatus? accuracy = null;
        if (monitoring.Accuracy is not null)
        {
            var versions = merged.Accuracy.OrderBy(a => a.Version, StringComparer.Ordinal).Take(ServiceStatsStatus.MaxVersions)
                .Select(a => new VersionAccuracyStatus { Version = a.Version, Actuals = a.Actuals, Metrics = a.Metrics.Where(m => double.IsFinite(m.Value)).ToDictionary(StringComparer.Ordinal) })
                .ToList();
            accuracy = Stamped(new AccuracyStatus { ActualsReceived = actualsReceived, Versions = versions.Count == 0 ? null : versions }, previous?.Accuracy, s => s.UpdatedAt, (s, t) => s with { UpdatedAt = t }, ModelshipApiJsonContext.Default.AccuracyStatus, now);
        }
        return new MonitoringStatusParts(
            serviceStats,
            drift,
            accuracy,
            monitoring.Drift is { } d ? MonitoringConditions.Drifting(merged.Drift, d, now) : null,
            monitoring.Accuracy is { } a2 ? MonitoringConditions.AccuracyDegraded(merged.Accuracy, a2, now) : null);
    }

    private static List<VersionServiceStatsStatus>? ServiceStats(IReadOnlyList<VersionServiceStats> stats)
    {
        var versions = stats
            .OrderBy(s => RoleOrder.GetValueOrDefault(s.Role, RoleOrder.Count))
            .ThenBy(s => s.Version, StringComparer.Ordinal)
            .Take(ServiceStatsStatus.MaxVersions)
            .Select(s => new VersionServiceStatsStatus
            {
                Version = s.Version,
                Role = s.Role,
                Windows = [.. s.Windows.Take(3).Select(w => new WindowServiceStatsStatus
                {
                    Window = w.Window,
                    Requests = w.Requests,
                    Errors = w.Errors,
                    ErrorRate = Finite(w.ErrorRate),
                    LatencyP50Seconds = Finite(w.LatencyP50Seconds),
                    LatencyP90Seconds = Finite(w.LatencyP90Seconds),
                    LatencyP99Seconds = Finite(w.LatencyP99Seconds),
                    ShadowAgreement = Finite(w.ShadowAgreement),
                    CheckFailures = w.CheckFailures,
                })],
            })
            .ToList();
        return versions.Count == 0 ? null : versions;
    }

    private static List<VersionDriftStatus>? Drift(IReadOnlyList<VersionDrift> drift, DriftMonitoring spec)
    {
        var metric = EffectiveMonitoring.DriftMetric(spec);
        var versions = drift.OrderBy(d => d.Version, StringComparer.Ordinal).Take(ServiceStatsStatus.MaxVersions).Select(d => new VersionDriftStatus
        {
            Version = d.Version,
            Samples = d.Samples,
            Drifting = MonitoringConditions.WorstAbove(d, spec) is not null,
            Features = Top(d.Features, metric),
            Predictions = Top(d.Predictions, metric),
        }).ToList();
        return versions.Count == 0 ? null : versions;
    }

    private static List<FeatureDriftStatus>? Top(IReadOnlyList<FeatureDrift> features, DriftMetric metric)
    {
        var top = features
            .OrderByDescending(f => MonitoringConditions.Value(f, metric))
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .Take(VersionDriftStatus.MaxEntries)
            .Select(f => new FeatureDriftStatus { Name = f.Name, Psi = Finite(f.Psi), Hellinger = Finite(f.Hellinger) })
            .ToList();
        return top.Count == 0 ? null : top;
    }

    /// <summary><paramref name="next"/> with the previous updatedAt when nothing else differs, else stamped <paramref name="now"/>.</summary>
    private static T Stamped<T>(T next, T? previous, Func<T, DateTimeOffset?> updatedAt, Func<T, DateTimeOffset?, T> withUpdatedAt, JsonTypeInfo<T> json, DateTimeOffset now)
        where T : class
    {
        if (previous is not null
            && JsonSerializer.Serialize(withUpdatedAt(previous, null), json) == JsonSerializer.Serialize(withUpdatedAt(next, null), json))
        {
            return withUpdatedAt(next, updatedAt(previous));
        }
        return withUpdatedAt(next, now);
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
