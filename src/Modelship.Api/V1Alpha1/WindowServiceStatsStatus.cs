using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>Service stats over one window: counts summed over router Pods, percentiles the worst Pod's.</summary>
public sealed record WindowServiceStatsStatus
{
    [Description("Window is 1m, 1h or 24h.")]
    public required string Window { get; init; }

    [Description("Requests answered in the window, summed over router Pods.")]
    public long? Requests { get; init; }

    [Description("Errors (5xx or unanswered) in the window, summed over router Pods.")]
    public long? Errors { get; init; }

    [Description("ErrorRate is errors / requests; absent without requests.")]
    public double? ErrorRate { get; init; }

    [Description("LatencyP50Seconds is the median latency of the slowest router Pod.")]
    public double? LatencyP50Seconds { get; init; }

    [Description("LatencyP90Seconds is the 90th-percentile latency of the slowest router Pod.")]
    public double? LatencyP90Seconds { get; init; }

    [Description("LatencyP99Seconds is the 99th-percentile latency of the slowest router Pod.")]
    public double? LatencyP99Seconds { get; init; }

    [Description("ShadowAgreement is, for a shadow, the lowest share over router Pods of compared class outputs on which it agreed with the champion.")]
    public double? ShadowAgreement { get; init; }

    [Description("CheckFailures counts prediction warnings, feature range warnings and failed validations, summed over router Pods.")]
    public long? CheckFailures { get; init; }
}
