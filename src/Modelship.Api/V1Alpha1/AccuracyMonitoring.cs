using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Accuracy from actuals: the model's task, the metric judged, and how predictions wait for their actuals.</summary>
public sealed record AccuracyMonitoring
{
    /// <summary>The model's task, which decides the metrics.</summary>
    [Description("Task is classification (metrics accuracy, logLoss, auc) or regression (rmse, mae, mape).")]
    public required AccuracyTask Task { get; init; }

    /// <summary>The output holding the prediction.</summary>
    [Description("Output names the model output holding the prediction; the answer's first output when absent.")]
    [Length(1)]
    public string? Output { get; init; }

    /// <summary>The metric compared with the threshold.</summary>
    [Description("Metric is the one compared with threshold: accuracy, logLoss or auc for classification; rmse, mae or mape for regression. Defaults to accuracy (classification) or rmse (regression).")]
    public AccuracyMetric? Metric { get; init; }

    /// <summary>Minimum (accuracy, auc) or maximum (error metrics) before AccuracyDegraded.</summary>
    [Description("Threshold is the minimum for accuracy and auc, the maximum for logLoss, rmse, mae and mape; past it, condition AccuracyDegraded is True with a Warning Event. Absent: accuracy is reported but never judged.")]
    public double? Threshold { get; init; }

    /// <summary>Joined actuals the metrics are computed over.</summary>
    [Description("Window is the number of most recent joined actuals per version the metrics are computed over. Defaults to 1000.")]
    [Minimum(1)]
    [DefaultValue(ModelDeploymentDefaults.AccuracyWindow)]
    public int? Window { get; init; }

    /// <summary>How long a prediction waits for its actual.</summary>
    [Description("Retention is how long a logged prediction waits for its actual outcome, such as 168h (the default).")]
    [Pattern(Duration.Pattern)]
    [DefaultValue(ModelDeploymentDefaults.AccuracyRetention)]
    public string? Retention { get; init; }

    /// <summary>Largest number of predictions kept for the join.</summary>
    [Description("MaxPredictions is the largest number of predictions each router keeps for the join; the oldest go first. Defaults to 100000.")]
    [Minimum(1)]
    [DefaultValue(ModelDeploymentDefaults.AccuracyMaxPredictions)]
    public int? MaxPredictions { get; init; }
}
