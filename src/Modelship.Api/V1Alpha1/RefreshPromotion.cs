using System.ComponentModel;
using System.Text.Json.Serialization;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>How a candidate becomes the champion and what it must pass first.</summary>
public sealed record RefreshPromotion
{
    [Description("Strategy: Replace makes the candidate the target's spec.model (with spec.replacement.reason SCHEDULED_REFRESH) at once, and the target's own spec.rollout (Replace or Canary steps) moves the traffic with zero downtime. Canary first adds the candidate to the target as a challenger answering canaryWeight percent of the requests for window, judged on that traffic against the champion; ShadowFirst first adds it as a shadow (a copy of every request, answering nobody) for window, then as a canary for another window. A candidate that passes becomes spec.model as with Replace; one that fails is removed and the champion stays. Defaults to Replace.")]
    [DefaultValue(RefreshScheduleDefaults.PromotionStrategy)]
    public RefreshPromotionStrategy? Strategy { get; init; }

    [Description("Window is how long the candidate is judged on live traffic in each trial phase of a Canary or ShadowFirst promotion (as a shadow, as a canary), counted from when the target's routers serve it, such as 10m or 1h. Defaults to 10m.")]
    [Pattern(Duration.Pattern)]
    [DefaultValue(RefreshScheduleDefaults.Window)]
    public string? Window { get; init; }

    [Description("CanaryWeight is the percentage of requests the candidate answers as a canary during its window. Defaults to the weight of the target's first spec.rollout.steps entry, or 10 without steps.")]
    [Minimum(1)]
    [Maximum(100)]
    public int? CanaryWeight { get; init; }

    [Description("MinRequests is how many requests the candidate must have seen in a window for the Traffic checks to judge it; with fewer at the end of the window the candidate is rejected (the champion stays) and the message says so. Defaults to 100.")]
    [Minimum(1)]
    [DefaultValue(RefreshScheduleDefaults.MinRequests)]
    public int? MinRequests { get; init; }

    [Description("MetricCheck compares the candidate's registry-reported offline metrics with the champion's before promoting it.")]
    public RefreshMetricCheck? MetricCheck { get; init; }
}

/// <summary>How a candidate takes over.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshPromotionStrategy>))]
public enum RefreshPromotionStrategy
{
    /// <summary>The candidate becomes the target's spec.model; the target's rollout moves the traffic.</summary>
    Replace,

    /// <summary>The candidate as a challenger for a window, judged on live traffic, then the target's spec.model.</summary>
    Canary,

    /// <summary>The candidate as a shadow for a window, then as a canary for a window, then the target's spec.model.</summary>
    ShadowFirst,
}

/// <summary>Checks of the candidate's registry metrics against the champion's.</summary>
public sealed record RefreshMetricCheck
{
    [Description("Skip promotes without comparing metrics. Defaults to false.")]
    [DefaultValue(RefreshScheduleDefaults.SkipMetricCheck)]
    public bool? Skip { get; init; }

    [Description("Checks compare one metric each of the candidate with the champion's. Registry checks (the default source) compare a registry-reported metric (such as accuracy from metadata.json, the HTTP index or the MLflow run) with the value recorded when this schedule promoted the champion; when none is recorded (the champion was not promoted by this schedule) they pass with a note. Traffic checks compare errorRate, latencyP99 or shadowAgreement measured by the target's routers on the same requests during a Canary or ShadowFirst window.")]
    [ListMapKeys("metric")]
    [MaxItems(32)]
    public IReadOnlyList<RefreshMetricComparison>? Checks { get; init; }
}

/// <summary>One metric compared between candidate and champion.</summary>
public sealed record RefreshMetricComparison
{
    [Description("Metric is the name of the registry-reported metric, such as accuracy or rmse; for source Traffic one of errorRate (the fraction of requests failed: 5xx answers, or as a shadow failed and unanswered mirrored requests), latencyP99 (seconds) and shadowAgreement (the fraction of compared class outputs on which the candidate as a shadow agrees with the champion, whose own is 1; ShadowFirst only).")]
    [Length(1, 256)]
    public required string Metric { get; init; }

    [Description("Source is where the metric comes from: Registry (reported by the source for each version) or Traffic (measured by the target's routers during the trial window of a Canary or ShadowFirst promotion). Defaults to Registry.")]
    [DefaultValue(RefreshScheduleDefaults.MetricSource)]
    public RefreshMetricSource? Source { get; init; }

    [Description("MaxRegression is how much worse than the champion the candidate may be: an amount of the metric, or a fraction of the champion's value when relative is true (0.01 = 1%). 0 means no worse.")]
    [Minimum(0)]
    public required double MaxRegression { get; init; }

    [Description("Relative reads maxRegression as a fraction of the champion's value instead of an amount of the metric. Defaults to false.")]
    [DefaultValue(RefreshScheduleDefaults.RelativeRegression)]
    public bool? Relative { get; init; }

    [Description("LowerIsBetter says a Registry metric improves downwards (an error or a loss, such as rmse); by default higher is better (accuracy, auc). Traffic metrics know their direction (errorRate and latencyP99 lower, shadowAgreement higher) and ignore it.")]
    [DefaultValue(RefreshScheduleDefaults.LowerIsBetter)]
    public bool? LowerIsBetter { get; init; }
}

/// <summary>Where a checked metric comes from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshMetricSource>))]
public enum RefreshMetricSource
{
    /// <summary>Reported by the registry for each version (offline metrics).</summary>
    Registry,

    /// <summary>Measured by the target's routers on live traffic during a trial window.</summary>
    Traffic,
}

/// <summary>The metrics a Traffic check can name.</summary>
public static class RefreshTrafficMetric
{
    public const string ErrorRate = "errorRate";
    public const string LatencyP99 = "latencyP99";
    public const string ShadowAgreement = "shadowAgreement";

    public static IReadOnlyList<string> All { get; } = [ErrorRate, LatencyP99, ShadowAgreement];
}
