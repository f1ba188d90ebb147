using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Defaults;

/// <summary>spec.rollout with every default applied.</summary>
/// <param name="Strategy">Replace or Canary.</param>
/// <param name="Steps">Canary steps; empty for Replace, and for a Canary without steps (which then behaves like Replace).</param>
/// <param name="Analysis">Thresholds; null when none are set.</param>
/// <param name="ProgressDeadline">How long a rollout may go without progress.</param>
public sealed record EffectiveRollout(
    RolloutStrategy Strategy,
    IReadOnlyList<CanaryStep> Steps,
    RolloutAnalysis? Analysis,
    TimeSpan ProgressDeadline);
