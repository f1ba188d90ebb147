using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Events;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.Pipeline;

namespace Modelship.Operator.Tests.Pipeline;

public sealed class PipelineStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly ModelDeploymentBuildOptions Options = new();
    private static readonly string PrepV1 = ChildNames.PipelineRuntime("scoring", "prep", "prep", "v1");
    private static readonly string PrepV2 = ChildNames.PipelineRuntime("scoring", "prep", "prep", "v2");

    private static PipelinePlan Plan(string prepVersion, params string[] available) =>
        PipelinePlan.From(PipelineSamples.Scoring(prepVersion), _ => PipelineSamples.Fraud(), _ => true, available.Contains, Table(1), Options);

    private static RoutingTable Table(long generation) =>
        PipelinePlan.From(PipelineSamples.Scoring(), _ => PipelineSamples.Fraud(), _ => true, _ => true, null, Options).Table! with { Generation = generation };

    private static PipelineStatus Build(PipelinePlan plan, RoutingTable? table, long? served, Api.V1Alpha1.Pipeline? pipeline = null) =>
        PipelineStatusBuilder.Build(pipeline ?? PipelineSamples.Scoring(), new PipelineStatusFacts { Now = Now, Plan = plan, Table = table, ServedGeneration = served, Endpoint = "http://scoring.risk.svc.cluster.local" });

    private static (ConditionStatus, string) Of(PipelineStatus status, string type) =>
        ConditionList.Find(status.Conditions, type) is { } c ? (c.Status, c.Reason) : default;

    [Fact]
    public void Waiting_for_an_inline_model_is_progress_not_degradation()
    {
        var status = Build(PipelinePlan.From(PipelineSamples.Scoring(), _ => PipelineSamples.Fraud(), _ => true, _ => false, null, Options), null, null);

        status.Phase.Should().Be(PipelinePhase.Deploying);
        Of(status, ConditionTypes.Ready).Should().Be((ConditionStatus.False, PipelineStatusBuilder.WaitingForModels));
        Of(status, ConditionTypes.Progressing).Should().Be((ConditionStatus.True, PipelineStatusBuilder.WaitingForModels));
        Of(status, ConditionTypes.Degraded).Should().Be((ConditionStatus.False, ConditionReasons.AsExpected));
        status.StepSummary.Should().Be("2/3");
        status.RoutingGeneration.Should().BeNull();
    }

    [Fact]
    public void Served_by_every_router_with_every_model_ready_is_Active()
    {
        var status = Build(Plan("v1", PrepV1), Table(1), served: 1);

        status.Phase.Should().Be(PipelinePhase.Active);
        Of(status, ConditionTypes.Ready).Should().Be((ConditionStatus.True, ConditionReasons.Available));
        Of(status, ConditionTypes.Progressing).Should().Be((ConditionStatus.False, ConditionReasons.AsExpected));
        status.ObservedGeneration.Should().Be(1);
        status.RoutingGeneration.Should().Be(1);
        status.ServedGeneration.Should().Be(1);
        status.StepSummary.Should().Be("3/3");
        status.Steps!.Select(s => s.Name).Should().Equal("prep", "classify", "checks");
        status.Steps![1].Models!.Single().Should().BeEquivalentTo(new StepModelStatus { Name = "fraud", Version = "v1", ModelDeployment = "fraud", Ready = true });
        status.Steps![2].Models.Should().BeNull("a validation step has no models");
    }

    [Fact]
    public void No_router_serving_yet_is_WaitingForRouters()
    {
        var status = Build(Plan("v1", PrepV1), Table(1), served: null);

        Of(status, ConditionTypes.Ready).Should().Be((ConditionStatus.False, ConditionReasons.WaitingForRouters));
        status.Phase.Should().Be(PipelinePhase.Deploying);
    }

    [Fact]
    public void A_newer_table_on_its_way_keeps_it_Ready_and_Progressing()
    {
        var status = Build(Plan("v1", PrepV1) with { }, Table(2), served: 1);

        Of(status, ConditionTypes.Ready).Should().Be((ConditionStatus.True, ConditionReasons.Available));
        Of(status, ConditionTypes.Progressing).Should().Be((ConditionStatus.True, ConditionReasons.WaitingForRouters));
        status.Phase.Should().Be(PipelinePhase.Deploying);
    }

    [Fact]
    public void A_new_inline_version_on_its_way_is_Progressing_with_the_old_one_answering()
    {
        var status = Build(Plan("v2", PrepV1), Table(1), served: 1, PipelineSamples.Scoring("v2", generation: 2));

        Of(status, ConditionTypes.Ready).Should().Be((ConditionStatus.True, ConditionReasons.Available));
        ConditionList.Find(status.Conditions, ConditionTypes.Progressing)!.Message.Should().Be("step 'prep': model 'prep' version v2 is not Available yet; version v1 answers meanwhile");
        status.Steps![0].Models!.Single().Version.Should().Be("v1", "status reports the version that answers");
        status.ObservedGeneration.Should().Be(2);
    }

    [Fact]
    public void A_routed_model_that_cannot_answer_degrades_it()
    {
        var plan = PipelinePlan.From(PipelineSamples.Scoring(), _ => PipelineSamples.Fraud(ready: ConditionStatus.False, reason: ConditionReasons.Deploying), _ => true, _ => true, Table(1), Options);
        var status = Build(plan, Table(1), served: 1);

        Of(status, ConditionTypes.Ready).Should().Be((ConditionStatus.False, PipelineStatusBuilder.StepsNotReady));
        Of(status, ConditionTypes.Degraded).Should().Be((ConditionStatus.True, PipelineStatusBuilder.StepsNotReady));
        ConditionList.Find(status.Conditions, ConditionTypes.Degraded)!.Message.Should().StartWith("step 'classify': ModelDeployment 'fraud' is not Ready");
        status.Steps!.Single(s => s.Name == "classify").Ready.Should().BeFalse();
    }

    [Fact]
    public void An_invalid_spec_fails_it_and_keeps_what_was_served()
    {
        var serving = Build(Plan("v1", PrepV1), Table(1), served: 1);
        var status = PipelineStatusBuilder.Invalid(PipelineSamples.Scoring(status: serving, generation: 2), "spec.steps[1]: step 'classify': nope", Now);

        status.Phase.Should().Be(PipelinePhase.Failed);
        status.ObservedGeneration.Should().Be(2);
        Of(status, ConditionTypes.Ready).Should().Be((ConditionStatus.False, ConditionReasons.InvalidSpec));
        status.RoutingGeneration.Should().Be(1);
        status.Steps.Should().BeEquivalentTo(serving.Steps);
    }

    [Fact]
    public void Events_are_derived_from_the_transition_and_recorded_once()
    {
        var waiting = Build(PipelinePlan.From(PipelineSamples.Scoring(), _ => PipelineSamples.Fraud(), _ => true, _ => false, null, Options), null, null);
        var ready = Build(Plan("v1", PrepV1), Table(1), served: 1, PipelineSamples.Scoring(status: waiting));
        var invalid = PipelineStatusBuilder.Invalid(PipelineSamples.Scoring(status: ready, generation: 2), "spec.steps[1]: step 'classify': nope", Now);

        PipelineStatusTransitions.Events(null, waiting).Should().BeEmpty();
        PipelineStatusTransitions.Events(waiting, ready).Should().ContainSingle().Which.Should().Be(new Controllers.ModelDeployment.TransitionEvent(EventType.Normal, ConditionReasons.Available, "3 steps serve"));
        PipelineStatusTransitions.Events(ready, ready).Should().BeEmpty();
        PipelineStatusTransitions.Events(ready, invalid).Should().ContainSingle().Which.Should().Be(new Controllers.ModelDeployment.TransitionEvent(EventType.Warning, ConditionReasons.InvalidSpec, "spec.steps[1]: step 'classify': nope"));
        PipelineStatusTransitions.Events(invalid, invalid).Should().BeEmpty("the same problem is reported once");
    }
}
