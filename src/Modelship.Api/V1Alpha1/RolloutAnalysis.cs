using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// Thresholds a canary must stay within. Each canary step is judged on its own window (from when every router serves
/// the step's weights to the end of the step's pause): absolute thresholds on the canary's numbers in the window,
/// comparisons with the champion's numbers in the same window, accuracy from actuals, and optional metric queries.
/// </summary>
public sealed record RolloutAnalysis
{
    /// <summary>Largest fraction of failed requests of the new version.</summary>
    [Description("MaxErrorRate is the largest fraction (0-1) of the new version's requests in a step's window that may fail (5xx).")]
    [Minimum(0)]
    [Maximum(1)]
    public double? MaxErrorRate { get; init; }

    /// <summary>Largest 99th-percentile latency of the new version.</summary>
    [Description("MaxLatencyP99 is the largest 99th-percentile latency of the new version's requests in a step's window, such as 250ms.")]
    [Pattern(Duration.Pattern)]
    public string? MaxLatencyP99 { get; init; }

    /// <summary>How much higher than the champion's the canary's error rate may be over the same window.</summary>
    [Description("MaxErrorRateIncrease is how much higher than the champion's error rate the new version's may be over the same step window: an amount such as \"0.01\" (one percentage point), or a fraction of the champion's rate such as \"10%\". \"0\" means no higher.")]
    [Pattern(RegressionAllowancePatterns.AmountOrPercent)]
    public string? MaxErrorRateIncrease { get; init; }

    /// <summary>How much higher than the champion's the canary's p99 latency may be over the same window.</summary>
    [Description("MaxLatencyP99Increase is how much higher than the champion's 99th-percentile latency the new version's may be over the same step window: a duration such as \"50ms\", or a fraction of the champion's such as \"10%\".")]
    [Pattern(RegressionAllowancePatterns.DurationOrPercent)]
    public string? MaxLatencyP99Increase { get; init; }

    /// <summary>Requests the canary must answer in a step's window before it is judged.</summary>
    [Description("MinRequests is how many requests the new version must answer (or, in the mirror phase, be sent) in a step's window before the step is judged; with fewer, the step waits (at most progressDeadlineSeconds past its pause, then the rollout fails). Defaults to 100.")]
    [DefaultValue(ModelDeploymentDefaults.AnalysisMinRequests)]
    [Minimum(1)]
    public int? MinRequests { get; init; }

    /// <summary>Smallest accuracy from actuals of the canary (modelship_model_accuracy, metric accuracy).</summary>
    [Description("MinAccuracy is the smallest accuracy (0-1) of the new version computed from actual outcomes (spec.monitoring actuals; the routers' modelship_model_accuracy with metric accuracy). While the routers report no accuracy for it, the step waits.")]
    [Minimum(0)]
    [Maximum(1)]
    public double? MinAccuracy { get; init; }

    /// <summary>How much lower than the champion's the canary's accuracy from actuals may be.</summary>
    [Description("MaxAccuracyDecrease is how much lower than the champion's accuracy from actuals the new version's may be: an amount such as \"0.02\", or a fraction of the champion's accuracy such as \"5%\". While the routers report no accuracy for either, the step waits.")]
    [Pattern(RegressionAllowancePatterns.AmountOrPercent)]
    public string? MaxAccuracyDecrease { get; init; }

    /// <summary>Smallest fraction of compared outputs on which the new version, mirrored as a shadow, agrees with the champion.</summary>
    [Description("MinShadowAgreement opens the rollout with a mirror phase: the new version first gets a copy of every request as a shadow of the champion and answers nobody; the weighted steps start only once at least this fraction (0-1) of its compared class outputs agree with the champion's. Below it, the rollout is aborted.")]
    [Minimum(0)]
    [Maximum(1)]
    public double? MinShadowAgreement { get; init; }

    /// <summary>Queries to a metrics provider, each judged at the end of every weighted step's window.</summary>
    [Description("Metrics are queries to a metrics provider (like Flagger's metric templates), each evaluated at the end of every weighted step's window and required within its thresholdRange. No result, NaN or several series make the step wait; a value outside the range aborts the rollout.")]
    [MaxItems(16)]
    public IReadOnlyList<AnalysisMetric>? Metrics { get; init; }
}

/// <summary>The literal formats of the comparison fields (a number or a duration, or a percentage of the champion's value).</summary>
public static class RegressionAllowancePatterns
{
    public const string AmountOrPercent = "^([0-9]+(\\.[0-9]+)?|\\.[0-9]+)%?$";
    public const string DurationOrPercent = "^([0-9]+(\\.[0-9]+)?%|([0-9]+(\\.[0-9]+)?(ms|s|m|h))+)$";
}

/// <summary>One metric query judged at the end of each weighted step.</summary>
public sealed record AnalysisMetric
{
    [Description("Name names the metric in conditions and Events.")]
    [Length(1, 63)]
    public required string Name { get; init; }

    [Description("Prometheus evaluates a PromQL query against a Prometheus server's HTTP API.")]
    public PrometheusMetricSource? Prometheus { get; init; }

    [Description("ThresholdRange is the range the value must be within (inclusive); at least one of min and max.")]
    public required MetricThresholdRange ThresholdRange { get; init; }
}

/// <summary>A PromQL query evaluated with <c>GET {address}/api/v1/query</c>.</summary>
public sealed record PrometheusMetricSource
{
    [Description("Address is the Prometheus server's base URL, http or https, such as http://prometheus.monitoring:9090. The operator's egress (NetworkPolicy) must allow it.")]
    public required string Address { get; init; }

    [Description("Query is a PromQL query that returns a scalar or a single-sample vector. {{ window }} is replaced by the step's window as a PromQL duration (such as 300s), {{ version }} by the new version, {{ namespace }} and {{ name }} by the ModelDeployment's.")]
    [Length(1, 4096)]
    public required string Query { get; init; }
}

/// <summary>An inclusive range; an absent bound is open.</summary>
public sealed record MetricThresholdRange
{
    [Description("Min is the smallest value allowed.")]
    public double? Min { get; init; }

    [Description("Max is the largest value allowed.")]
    public double? Max { get; init; }
}
