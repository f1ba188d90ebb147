using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>How a new champion version replaces the active one.</summary>
public sealed record RolloutSpec
{
    /// <summary>Replace at once, or shift traffic in canary steps.</summary>
    [Description("Strategy is Replace (send all traffic to the new version once it is ready) or Canary (shift traffic to it in steps, checking the analysis between steps). Defaults to Replace.")]
    [DefaultValue(ModelDeploymentDefaults.RolloutStrategy)]
    public RolloutStrategy? Strategy { get; init; }

    /// <summary>The canary's traffic steps, in increasing weight.</summary>
    [Description("Steps of a Canary rollout: each sets the new version's traffic percentage and waits. Weights must increase; after the last step the new version takes all traffic.")]
    public IReadOnlyList<CanaryStep>? Steps { get; init; }

    /// <summary>Thresholds checked during a canary; the rollout is aborted when one is crossed.</summary>
    [Description("Analysis holds thresholds checked during a Canary rollout; crossing one aborts the rollout and keeps the previous version.")]
    public RolloutAnalysis? Analysis { get; init; }

    /// <summary>Seconds a rollout may take before it is reported failed.</summary>
    [Description("ProgressDeadlineSeconds is how long a rollout may make no progress before it is marked failed (Progressing=False, reason ProgressDeadlineExceeded). Defaults to 600.")]
    [Minimum(1)]
    [DefaultValue(ModelDeploymentDefaults.ProgressDeadlineSeconds)]
    public int? ProgressDeadlineSeconds { get; init; }
}
