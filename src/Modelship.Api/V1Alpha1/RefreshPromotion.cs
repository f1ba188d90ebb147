using System.ComponentModel;
using System.Text.Json.Serialization;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>How a candidate becomes the champion and what it must pass first.</summary>
public sealed record RefreshPromotion
{
    [Description("Strategy: Replace makes the candidate the target's spec.model (with spec.replacement.reason SCHEDULED_REFRESH), and the target's own spec.rollout (Replace or Canary steps) moves the traffic with zero downtime. Canary and ShadowFirst (the candidate first as a canary or a shadow of the champion, judged on live traffic) are not yet supported and are refused as InvalidSpec. Defaults to Replace.")]
    [DefaultValue(RefreshScheduleDefaults.PromotionStrategy)]
    public RefreshPromotionStrategy? Strategy { get; init; }

    [Description("MetricCheck compares the candidate's registry-reported offline metrics with the champion's before promoting it.")]
    public RefreshMetricCheck? MetricCheck { get; init; }
}

/// <summary>How a candidate takes over.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshPromotionStrategy>))]
public enum RefreshPromotionStrategy
{
    /// <summary>The candidate becomes the target's spec.model; the target's rollout moves the traffic.</summary>
    Replace,

    /// <summary>Not yet supported: the candidate as a canary, judged on live traffic.</summary>
    Canary,

    /// <summary>Not yet supported: the candidate as a shadow for a window, then as a canary.</summary>
    ShadowFirst,
}

/// <summary>Checks of the candidate's registry metrics against the champion's.</summary>
public sealed record RefreshMetricCheck
{
    [Description("Skip promotes without comparing metrics. Defaults to false.")]
    [DefaultValue(RefreshScheduleDefaults.SkipMetricCheck)]
    public bool? Skip { get; init; }

    [Description("Checks compare one registry-reported metric each (such as accuracy from metadata.json, the HTTP index or the MLflow run) of the candidate with the champion's, recorded when this schedule promoted it. When no champion metrics are recorded (the champion was not promoted by this schedule) the checks pass with a note.")]
    [ListMapKeys("metric")]
    [MaxItems(32)]
    public IReadOnlyList<RefreshMetricComparison>? Checks { get; init; }
}

/// <summary>One metric compared between candidate and champion.</summary>
public sealed record RefreshMetricComparison
{
    [Description("Metric is the name of the registry-reported metric, such as accuracy or rmse.")]
    [Length(1, 256)]
    public required string Metric { get; init; }

    [Description("MaxRegression is how much worse than the champion the candidate may be: an amount of the metric, or a fraction of the champion's value when relative is true (0.01 = 1%). 0 means no worse.")]
    [Minimum(0)]
    public required double MaxRegression { get; init; }

    [Description("Relative reads maxRegression as a fraction of the champion's value instead of an amount of the metric. Defaults to false.")]
    [DefaultValue(RefreshScheduleDefaults.RelativeRegression)]
    public bool? Relative { get; init; }

    [Description("LowerIsBetter says the metric improves downwards (an error or a loss, such as rmse); by default higher is better (accuracy, auc).")]
    [DefaultValue(RefreshScheduleDefaults.LowerIsBetter)]
    public bool? LowerIsBetter { get; init; }
}
