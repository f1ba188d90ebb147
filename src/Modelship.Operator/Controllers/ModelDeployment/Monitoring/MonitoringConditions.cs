using System.Globalization;
using Modelship.Api.Conditions;
using Modelship.Api.Defaults;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Monitoring;

/// <summary>
/// Pure: the Drifting and AccuracyDegraded conditions from the merged report. Any version counts (the champion, a
/// challenger or a shadow); the message names the worst version and feature or metric.
/// </summary>
public static class MonitoringConditions
{
    public const string DriftAboveThreshold = "DriftAboveThreshold";
    public const string DriftWithinThreshold = "DriftWithinThreshold";
    public const string NotEnoughSamples = "NotEnoughSamples";
    public const string NoDriftReport = "NoDriftReport";
    public const string AccuracyBelowThreshold = "AccuracyBelowThreshold";
    public const string ErrorAboveThreshold = "ErrorAboveThreshold";
    public const string AccuracyWithinThreshold = "AccuracyWithinThreshold";
    public const string NoAccuracyReport = "NoAccuracyReport";
    public const string NoThreshold = "NoThreshold";

    /// <summary>The value of <paramref name="metric"/> for a feature (non-finite counts as 0).</summary>
    public static double Value(FeatureDrift feature, DriftMetric metric)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var value = metric == DriftMetric.Hellinger ? feature.Hellinger : feature.Psi;
        return double.IsFinite(value) ? value : 0;
    }

    /// <summary>The worst feature or prediction of a version with enough samples, and whether it is one of its predictions.</summary>
    public static (FeatureDrift Feature, bool Prediction)? Worst(VersionDrift version, DriftMonitoring spec)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(spec);
        if (version.Samples < EffectiveMonitoring.DriftMinSamples(spec))
        {
            return null;
        }
        var metric = EffectiveMonitoring.DriftMetric(spec);
        return version.Features.Select(f => (Feature: f, Prediction: false))
            .Concat(version.Predictions.Select(p => (Feature: p, Prediction: true)))
            .OrderByDescending(e => Value(e.Feature, metric))
            .ThenBy(e => e.Feature.Name, StringComparer.Ordinal)
            .Select(e => ((FeatureDrift, bool)?)e)
            .FirstOrDefault();
    }

    /// <summary>The worst feature or prediction of a version when it is above the threshold.</summary>
    public static (FeatureDrift Feature, bool Prediction)? WorstAbove(VersionDrift version, DriftMonitoring spec) =>
        Worst(version, spec) is { } worst && Value(worst.Feature, EffectiveMonitoring.DriftMetric(spec)) > EffectiveMonitoring.DriftThreshold(spec) ? worst : null;

    public static Condition Drifting(IReadOnlyList<VersionDrift> drift, DriftMonitoring spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(drift);
        ArgumentNullException.ThrowIfNull(spec);
        var metric = EffectiveMonitoring.DriftMetric(spec);
        var metricName = metric == DriftMetric.Hellinger ? "hellinger" : "psi";
        var threshold = EffectiveMonitoring.DriftThreshold(spec);
        if (drift.Count == 0)
        {
            return Make(ConditionTypes.Drifting, ConditionStatus.Unknown, NoDriftReport, "no router reported drift yet: no requests, or the reference profile cannot be read (see the router's log)", now);
        }
        var worst = drift
            .Select(v => (Version: v, Worst: Worst(v, spec)))
            .Where(v => v.Worst is not null)
            .OrderByDescending(v => Value(v.Worst!.Value.Feature, metric))
            .ThenBy(v => v.Version.Version, StringComparer.Ordinal)
            .FirstOrDefault();
        if (worst.Worst is not { } found)
        {
            return Make(ConditionTypes.Drifting, ConditionStatus.False, NotEnoughSamples,
                Invariant($"fewer than {EffectiveMonitoring.DriftMinSamples(spec)} requests in every version's window (most: {drift.Max(d => d.Samples)})"), now);
        }
        var value = Value(found.Feature, metric);
        var what = Invariant($"version {worst.Version.Version}: {(found.Prediction ? "prediction" : "feature")} {found.Feature.Name} {metricName} {value:0.####}");
        return value > threshold
            ? Make(ConditionTypes.Drifting, ConditionStatus.True, DriftAboveThreshold, Invariant($"{what} above threshold {threshold} over {worst.Version.Samples} requests"), now)
            : Make(ConditionTypes.Drifting, ConditionStatus.False, DriftWithinThreshold, Invariant($"largest drift {what}, within threshold {threshold}"), now);
    }

    public static Condition AccuracyDegraded(IReadOnlyList<VersionAccuracy> accuracy, AccuracyMonitoring spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(accuracy);
        ArgumentNullException.ThrowIfNull(spec);
        var metric = EffectiveMonitoring.AccuracyMetric(spec);
        var name = EffectiveMonitoring.ReportName(metric);
        var higherIsBetter = EffectiveMonitoring.HigherIsBetter(metric);
        var reported = accuracy
            .Where(a => a.Metrics.TryGetValue(name, out var v) && double.IsFinite(v))
            .Select(a => (a.Version, a.Actuals, Value: a.Metrics[name]))
            .OrderBy(a => higherIsBetter ? a.Value : -a.Value)
            .ThenBy(a => a.Version, StringComparer.Ordinal)
            .ToList();
        if (reported.Count == 0)
        {
            return Make(ConditionTypes.AccuracyDegraded, ConditionStatus.Unknown, NoAccuracyReport, $"no router reported {name} yet: no actuals joined with predictions", now);
        }
        var (version, actuals, value) = reported[0];
        var what = Invariant($"version {version}: {name} {value:0.####} over {actuals} actuals");
        if (spec.Threshold is not { } threshold)
        {
            return Make(ConditionTypes.AccuracyDegraded, ConditionStatus.False, NoThreshold, $"worst {what}; spec.monitoring.accuracy.threshold is not set, so accuracy is reported but not judged", now);
        }
        var past = higherIsBetter ? value < threshold : value > threshold;
        return past
            ? Make(ConditionTypes.AccuracyDegraded, ConditionStatus.True, higherIsBetter ? AccuracyBelowThreshold : ErrorAboveThreshold,
                Invariant($"{what}, {(higherIsBetter ? "below" : "above")} threshold {threshold}"), now)
            : Make(ConditionTypes.AccuracyDegraded, ConditionStatus.False, AccuracyWithinThreshold, Invariant($"worst {what}, within threshold {threshold}"), now);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static Condition Make(string type, ConditionStatus status, string reason, string message, DateTimeOffset now) => new()
    {
        Type = type,
        Status = status,
        Reason = reason,
        Message = message,
        LastTransitionTime = now,
    };
}
