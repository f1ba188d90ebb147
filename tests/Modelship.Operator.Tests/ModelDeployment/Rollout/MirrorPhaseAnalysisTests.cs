using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout;

public sealed class MirrorPhaseAnalysisTests
{
    private static readonly RolloutAnalysis WithAgreement = new() { MinShadowAgreement = 0.9, MaxErrorRate = 0.05 };
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Min_shadow_agreement_puts_a_mirror_step_in_front()
    {
        MirrorPhaseAnalysis.StepWeights([10, 50], WithAgreement).Should().Equal(0, 10, 50);
        MirrorPhaseAnalysis.StepPauses([TimeSpan.FromMinutes(1), TimeSpan.Zero], WithAgreement).Should().Equal(TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.Zero);
        MirrorPhaseAnalysis.StepWeights([], WithAgreement).Should().Equal(0); // Replace: mirror, then everything
    }

    [Fact]
    public void Without_it_the_steps_are_unchanged()
    {
        MirrorPhaseAnalysis.StepWeights([10, 50], new RolloutAnalysis { MaxErrorRate = 0.05 }).Should().Equal(10, 50);
        MirrorPhaseAnalysis.StepWeights([10, 50], null).Should().Equal(10, 50);
        MirrorPhaseAnalysis.StepPauses([TimeSpan.Zero], null).Should().Equal(TimeSpan.Zero);
    }

    // The mirror step needs no change in the state machine: it is a step of weight 0.
    private static RolloutObservation Observed(int? routedWeight, AnalysisVerdict? analysis) => new()
    {
        Now = Start.AddMinutes(5),
        StartedAt = Start,
        ProgressDeadline = TimeSpan.FromMinutes(10),
        NewVersionAvailable = true,
        Validation = ValidationResult.Passing,
        StepWeights = MirrorPhaseAnalysis.StepWeights([10, 50], WithAgreement),
        StepPauses = MirrorPhaseAnalysis.StepPauses([TimeSpan.Zero, TimeSpan.Zero], WithAgreement),
        RoutedWeight = routedWeight,
        RoutersServeCurrentTable = routedWeight is not null,
        WeightServedSince = routedWeight is null ? null : Start.AddMinutes(1),
        Analysis = analysis,
    };

    [Fact]
    public void The_rollout_starts_by_mirroring() =>
        RolloutStateMachine.Next(Observed(null, null)).Should().Match<RolloutDecision>(d => d.Action == RolloutAction.Route && d.Weight == 0);

    [Fact]
    public void The_first_weighted_step_waits_for_the_agreement_verdict()
    {
        RolloutStateMachine.Next(Observed(0, AnalysisVerdict.Inconclusive("3 shadow outputs compared"))).Action.Should().Be(RolloutAction.Wait);
        RolloutStateMachine.Next(Observed(0, AnalysisVerdict.Failing("shadow agreement 0.5 below minShadowAgreement 0.9"))).Action.Should().Be(RolloutAction.Fail);
        RolloutStateMachine.Next(Observed(0, AnalysisVerdict.Passing("shadow agreement 0.97"))).Should().Match<RolloutDecision>(d => d.Action == RolloutAction.Route && d.Weight == 10);
    }
}
