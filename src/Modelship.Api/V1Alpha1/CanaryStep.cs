using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>One step of a canary rollout.</summary>
public sealed record CanaryStep
{
    /// <summary>Percent of requests the new version answers during this step.</summary>
    [Description("Weight is the percentage (1-100) of requests the new version answers during this step.")]
    [Minimum(1)]
    [Maximum(100)]
    public required int Weight { get; init; }

    /// <summary>How long the step lasts before the next one.</summary>
    [Description("Pause is how long the step lasts before the next one, such as 30s, 5m or 1h30m. No pause when absent.")]
    [Pattern(Duration.Pattern)]
    public string? Pause { get; init; }
}
