using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;

namespace Modelship.Api.Defaults;

/// <summary>spec.monitoring with its defaults applied (<see cref="ModelDeploymentDefaults"/>), for a validated spec.</summary>
public static class EffectiveMonitoring
{
    public static TimeSpan StatusInterval(MonitoringSpec? monitoring) =>
        DurationParser.TryParse(monitoring?.StatusInterval ?? ModelDeploymentDefaults.MonitoringStatusInterval, out var interval) && interval > TimeSpan.Zero
            ? interval
            : TimeSpan.FromSeconds(60);

    public static AssociationIdFieldSource AssociationIdSource(MonitoringSpec monitoring) =>
        monitoring.AssociationIdSource ?? AssociationIdFieldSource.Parameter;

    public static string InferenceLogSizeLimit(MonitoringSpec? monitoring) =>
        monitoring?.Storage?.SizeLimit ?? ModelDeploymentDefaults.InferenceLogSizeLimit;

    public static double DriftThreshold(DriftMonitoring drift) => drift.Threshold ?? ModelDeploymentDefaults.DriftThreshold;

    public static DriftMetric DriftMetric(DriftMonitoring drift) => drift.Metric ?? V1Alpha1.DriftMetric.Psi;

    public static int DriftWindow(DriftMonitoring drift) => drift.Window ?? ModelDeploymentDefaults.DriftWindow;

    public static int DriftMinSamples(DriftMonitoring drift) => drift.MinSamples ?? ModelDeploymentDefaults.DriftMinSamples;

    public static string ReferenceKey(ConfigMapKeyReference reference) => reference.Key ?? ModelDeploymentDefaults.DriftReferenceKey;

    public static AccuracyMetric AccuracyMetric(AccuracyMonitoring accuracy) =>
        accuracy.Metric ?? (accuracy.Task == AccuracyTask.Regression ? V1Alpha1.AccuracyMetric.Rmse : V1Alpha1.AccuracyMetric.Accuracy);

    public static int AccuracyWindow(AccuracyMonitoring accuracy) => accuracy.Window ?? ModelDeploymentDefaults.AccuracyWindow;

    public static TimeSpan AccuracyRetention(AccuracyMonitoring accuracy) =>
        DurationParser.TryParse(accuracy.Retention ?? ModelDeploymentDefaults.AccuracyRetention, out var retention) ? retention : TimeSpan.FromHours(168);

    public static int AccuracyMaxPredictions(AccuracyMonitoring accuracy) => accuracy.MaxPredictions ?? ModelDeploymentDefaults.AccuracyMaxPredictions;

    /// <summary>The name the routers report <paramref name="metric"/> under (<c>VersionAccuracy.Metrics</c>).</summary>
    public static string ReportName(AccuracyMetric metric) => metric switch
    {
        V1Alpha1.AccuracyMetric.Accuracy => "accuracy",
        V1Alpha1.AccuracyMetric.LogLoss => "logLoss",
        V1Alpha1.AccuracyMetric.Auc => "auc",
        V1Alpha1.AccuracyMetric.Rmse => "rmse",
        V1Alpha1.AccuracyMetric.Mae => "mae",
        _ => "mape",
    };

    /// <summary>Whether larger values of <paramref name="metric"/> are better (its threshold is a minimum).</summary>
    public static bool HigherIsBetter(AccuracyMetric metric) => metric is V1Alpha1.AccuracyMetric.Accuracy or V1Alpha1.AccuracyMetric.Auc;

    /// <summary>Whether <paramref name="metric"/> applies to <paramref name="task"/>.</summary>
    public static bool Fits(AccuracyMetric metric, AccuracyTask task) =>
        task == AccuracyTask.Classification
            ? metric is V1Alpha1.AccuracyMetric.Accuracy or V1Alpha1.AccuracyMetric.LogLoss or V1Alpha1.AccuracyMetric.Auc
            : metric is V1Alpha1.AccuracyMetric.Rmse or V1Alpha1.AccuracyMetric.Mae or V1Alpha1.AccuracyMetric.Mape;
}
