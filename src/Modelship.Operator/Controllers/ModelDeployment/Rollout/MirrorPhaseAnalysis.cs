using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>
/// The mirror phase that opens a rollout gated by <c>minShadowAgreement</c>, like Flagger's traffic mirroring before
/// the canary steps: the new version first runs as a shadow of the champion (weight 0, every request mirrored and
/// compared, no answer taken from it) and the first weighted step comes only once its agreement passed. It is a step
/// of weight 0 in front of the canary steps (or in front of the switch to 100% for Replace), so the rollout's
/// progress still lives in the routing table: a table naming the new version as a shadow is the mirror phase.
/// </summary>
public static class MirrorPhaseAnalysis
{
    /// <summary>The weight the new version has during the mirror phase.</summary>
    public const int Weight = 0;

    public static bool IsRequired(RolloutAnalysis? analysis) => analysis?.MinShadowAgreement is not null;

    /// <summary>The step weights the rollout walks: <paramref name="canarySteps"/>, after a mirror step when one is required.</summary>
    public static IReadOnlyList<int> StepWeights(IReadOnlyList<int> canarySteps, RolloutAnalysis? analysis)
    {
        ArgumentNullException.ThrowIfNull(canarySteps);
        return IsRequired(analysis) ? [Weight, .. canarySteps] : canarySteps;
    }

    /// <summary>The pauses matching <see cref="StepWeights"/>: the mirror step lasts until its analysis passes, without a pause.</summary>
    public static IReadOnlyList<TimeSpan> StepPauses(IReadOnlyList<TimeSpan> canaryPauses, RolloutAnalysis? analysis)
    {
        ArgumentNullException.ThrowIfNull(canaryPauses);
        return IsRequired(analysis) ? [TimeSpan.Zero, .. canaryPauses] : canaryPauses;
    }
}
