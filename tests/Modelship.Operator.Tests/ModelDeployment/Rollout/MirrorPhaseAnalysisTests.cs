using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment;
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

    [Fact]
    public void The_mirror_step_is_named_as_such()
    {
        var mirroring = RolloutStateMachine.Next(Observed(null, null));
        mirroring.Reason.Should().Be(RolloutStateMachine.MirroringTraffic);
        mirroring.Message.Should().Contain("mirroring traffic to the new version");
        RolloutStateMachine.Next(Observed(0, AnalysisVerdict.Failing("shadow agreement 0.5 below minShadowAgreement 0.9"))).Message
            .Should().Be("canary analysis failed in the mirror phase: shadow agreement 0.5 below minShadowAgreement 0.9");
    }

    private static readonly ModelSpec V2 = new() { Uri = "https://m/v2.onnx", Version = "v2" };

    private static readonly ModelDeploymentSpec WithShadow = new() { Model = V2, Traffic = new TrafficSpec { Shadows = [new ShadowSpec { Name = "candidate", Model = new ModelSpec { Uri = "https://m/v3.onnx", Version = "v3" } }] } };

    private static VersionPlan Replacing() => VersionPlan.From(
        WithShadow,
        new ModelDeploymentStatus
        {
            ActiveModel = new ModelVersionStatus { Version = "v1", Uri = "https://m/v1.onnx", Since = Start.AddDays(-1) },
            PendingModel = new ModelVersionStatus { Version = "v2", Uri = V2.Uri, Since = Start },
        },
        Start.AddMinutes(1));

    [Fact]
    public void In_the_mirror_phase_the_new_version_is_a_shadow_of_the_champion_next_to_the_declared_shadows()
    {
        var backends = RoutedBackends.Select(WithShadow, Replacing(), _ => true, pendingWeight: MirrorPhaseAnalysis.Weight);

        backends.Select(b => (b.Name, b.Role, b.Model.Version, b.Weight)).Should().Equal(
            ("champion", BackendRole.Champion, "v1", 0),
            ("candidate", BackendRole.Shadow, "v3", 0),
            (RoutedBackends.CanaryName, BackendRole.Shadow, "v2", 0));
    }

    [Fact]
    public void A_table_mirroring_the_new_version_gives_it_weight_zero_and_one_without_it_none()
    {
        RoutingBackend Backend(string name, string version, BackendRole role, int weight = 0) =>
            new() { Name = name, Version = version, Role = role, Weight = weight, Url = $"http://iris-{version}", ModelName = "iris" };
        var mirroring = new RoutingTable { Generation = 3, ModelName = "iris", Backends = [Backend("champion", "v1", BackendRole.Champion), Backend(RoutedBackends.CanaryName, "v2", BackendRole.Shadow)] };
        var declaredShadow = new RoutingTable { Generation = 3, ModelName = "iris", Backends = [Backend("champion", "v1", BackendRole.Champion), Backend("candidate", "v2", BackendRole.Shadow)] };

        RoutedBackends.WeightOf(mirroring, "v2").Should().Be(0);
        RoutedBackends.WeightOf(declaredShadow, "v2").Should().BeNull("a shadow the user declared is not the rollout's mirror phase");
    }
}
