using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.Pipeline;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Tests.Pipeline;

public sealed class PipelinePlanTests
{
    private static readonly ModelDeploymentBuildOptions Options = new();
    private static readonly string PrepV1 = ChildNames.PipelineRuntime("scoring", "prep", "prep", "v1");
    private static readonly string PrepV2 = ChildNames.PipelineRuntime("scoring", "prep", "prep", "v2");

    private static PipelinePlan Plan(string prepVersion, IEnumerable<string> available, IEnumerable<string>? existing = null, RoutingTable? current = null, MD? fraud = null)
    {
        var up = available.ToHashSet();
        var there = (existing ?? up).Concat(up).ToHashSet();
        return PipelinePlan.From(PipelineSamples.Scoring(prepVersion), name => name == "fraud" ? fraud ?? PipelineSamples.Fraud() : null, there.Contains, up.Contains, current, Options);
    }

    [Fact]
    public void No_table_while_an_inline_model_has_nothing_available()
    {
        var plan = Plan("v1", available: [], existing: [PrepV1]);

        plan.Table.Should().BeNull("a table never names a model server that was never Available");
        plan.UpToDate.Should().BeFalse();
        plan.Models[0].Should().Match<PlannedModel>(m => m.Route == null && !m.Ready && m.Problem == "step 'prep': model 'prep' version v1 is not Available yet");
        plan.Models[1].Ready.Should().BeTrue("fraud is Ready");
    }

    [Fact]
    public void Every_model_resolved_gives_the_table_the_router_serves()
    {
        var plan = Plan("v1", available: [PrepV1]);

        plan.UpToDate.Should().BeTrue();
        var steps = plan.Table!.Pipeline!.Steps;
        plan.Table.ModelName.Should().Be("scoring");
        steps.Select(s => s.Name).Should().Equal("prep", "classify", "checks");
        steps[0].Models!.Single().Should().BeEquivalentTo(new { Name = "prep", Version = "v1", ModelName = "prep-prep", Url = $"http://{PrepV1}.risk.svc.cluster.local:8080" });
        steps[1].Models!.Single().Should().BeEquivalentTo(new { Name = "fraud", Version = "v1", ModelName = "fraud", Url = "http://fraud.risk.svc.cluster.local" });
    }

    [Fact]
    public void A_new_inline_version_is_routed_only_once_available_and_the_routed_one_answers_meanwhile()
    {
        var current = Plan("v1", available: [PrepV1]).Table! with { Generation = 5 };

        var waiting = Plan("v2", available: [PrepV1], existing: [PrepV1, PrepV2], current: current);
        waiting.Table!.Pipeline!.Steps[0].Models![0].Version.Should().Be("v1");
        waiting.Models[0].Should().Match<PlannedModel>(m => m.Ready && !m.UpToDate && m.Problem!.EndsWith("version v1 answers meanwhile", StringComparison.Ordinal));
        waiting.UpToDate.Should().BeFalse();

        var switched = Plan("v2", available: [PrepV1, PrepV2], current: current);
        switched.Table!.Pipeline!.Steps[0].Models![0].Version.Should().Be("v2");
        switched.UpToDate.Should().BeTrue();
    }

    [Fact]
    public void A_routed_version_whose_server_is_gone_is_not_kept()
    {
        var current = Plan("v1", available: [PrepV1]).Table! with { Generation = 5 };

        Plan("v2", available: [], existing: [PrepV2], current: current).Table.Should().BeNull();
    }

    [Fact]
    public void A_reference_follows_the_modeldeployments_active_version_at_its_stable_endpoint()
    {
        var v1 = Plan("v1", available: [PrepV1], fraud: PipelineSamples.Fraud("v1")).Table!.Pipeline!.Steps[1].Models![0];
        var v2 = Plan("v1", available: [PrepV1], fraud: PipelineSamples.Fraud("v2")).Table!.Pipeline!.Steps[1].Models![0];

        v2.Version.Should().Be("v2");
        v2.Url.Should().Be(v1.Url);
    }

    [Theory]
    [InlineData(ConditionStatus.True, ConditionReasons.Available, 3L, true)]
    [InlineData(ConditionStatus.False, ConditionReasons.WaitingForRouters, 3L, true)]
    [InlineData(ConditionStatus.False, ConditionReasons.WaitingForRouters, null, false)]
    [InlineData(ConditionStatus.False, ConditionReasons.Deploying, 3L, false)]
    public void A_referenced_modeldeployment_answers_when_ready_or_while_its_routers_take_up_a_new_table(ConditionStatus ready, string reason, long? served, bool answers)
    {
        var plan = Plan("v1", available: [PrepV1], fraud: PipelineSamples.Fraud(ready: ready, reason: reason, served: served));

        plan.Models[1].Ready.Should().Be(answers);
        plan.Table.Should().NotBeNull("a ModelDeployment's endpoint is stable: the table names it whether it answers yet or not");
        if (!answers)
        {
            plan.Models[1].Problem.Should().StartWith("step 'classify': ModelDeployment 'fraud' is not Ready");
        }
    }

    [Fact]
    public void A_missing_modeldeployment_leaves_the_step_unresolved()
    {
        var plan = PipelinePlan.From(PipelineSamples.Scoring(), _ => null, _ => true, _ => true, null, Options);

        plan.Table.Should().BeNull();
        plan.Models[1].Problem.Should().Be("step 'classify': ModelDeployment 'fraud' does not exist");
    }
}
