using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Thresholds a canary must stay within.</summary>
public sealed record RolloutAnalysis
{
    /// <summary>Largest fraction of failed requests of the new version.</summary>
    [Description("MaxErrorRate is the largest fraction (0-1) of the new version's requests that may fail.")]
    [Minimum(0)]
    [Maximum(1)]
    public double? MaxErrorRate { get; init; }

    /// <summary>Largest 99th-percentile latency of the new version.</summary>
    [Description("MaxLatencyP99 is the largest 99th-percentile latency of the new version, such as 250ms.")]
    [Pattern(Duration.Pattern)]
    public string? MaxLatencyP99 { get; init; }

    /// <summary>Smallest fraction of compared outputs on which the new version, mirrored as a shadow, agrees with the champion.</summary>
    [Description("MinShadowAgreement opens the rollout with a mirror phase: the new version first gets a copy of every request as a shadow of the champion and answers nobody; the weighted steps start only once at least this fraction (0-1) of its compared class outputs agree with the champion's. Below it, the rollout is aborted.")]
    [Minimum(0)]
    [Maximum(1)]
    public double? MinShadowAgreement { get; init; }
}
