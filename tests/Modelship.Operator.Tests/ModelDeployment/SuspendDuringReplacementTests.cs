using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Tests.ModelDeployment.Builders;

namespace Modelship.Operator.Tests.ModelDeployment;

/// <summary>The desired-state functions behind spec.suspend while a replacement of v1 by v2 is in flight.</summary>
public sealed class SuspendDuringReplacementTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Started.AddMinutes(30);

    private static readonly ModelSpec V2 = new() { Uri = "https://m/v2.onnx", Version = "v2" };

    private static ModelDeploymentSpec Spec(bool suspend) => new() { Model = V2, Replicas = 3, Suspend = suspend };

    private static ModelDeploymentStatus Status(bool suspended) => new()
    {
        ActiveModel = new ModelVersionStatus { Version = "v1", Uri = "https://m/v1.onnx", Since = Started.AddDays(-1) },
        PendingModel = new ModelVersionStatus { Version = "v2", Uri = V2.Uri, Since = Started },
        Conditions = [new Condition { Type = ConditionTypes.Suspended, Status = suspended ? ConditionStatus.True : ConditionStatus.False, Reason = "R", Message = "m", LastTransitionTime = Started }],
    };

    private static RoutingTable CanaryTable() => new()
    {
        Generation = 5,
        ModelName = "iris",
        Backends =
        [
            new RoutingBackend { Name = "champion", Version = "v1", Role = BackendRole.Champion, Url = "http://iris-v1", ModelName = "iris" },
            new RoutingBackend { Name = RoutedBackends.CanaryName, Version = "v2", Role = BackendRole.Challenger, Weight = 20, Url = "http://iris-v2", ModelName = "iris" },
        ],
    };

    [Fact]
    public void Suspended_scales_every_kept_runtime_to_zero_including_the_active_champion()
    {
        var plan = VersionPlan.From(Spec(suspend: true), Status(suspended: true), Now);
        plan.ActiveSpec.Should().BeNull("the spec has moved on to v2, so v1 is kept, not rebuilt");

        KeptRuntimeReplicas.Desired("v1", suspended: true, plan, CanaryTable(), specReplicas: 3).Should().Be(0);
        KeptRuntimeReplicas.Desired("v0", suspended: true, plan, CanaryTable(), specReplicas: 3).Should().Be(0, "a version waiting for deletion stops too");
    }

    [Fact]
    public void Resumed_restores_the_versions_traffic_may_need_and_leaves_the_rest()
    {
        var plan = VersionPlan.From(Spec(suspend: false), Status(suspended: false), Now);

        KeptRuntimeReplicas.Desired("v1", suspended: false, plan, CanaryTable(), specReplicas: 3).Should().Be(3);
        KeptRuntimeReplicas.Desired("v0", suspended: false, plan, CanaryTable(), specReplicas: 3).Should().BeNull("it is deleted once no router serves it");
    }

    [Fact]
    public void The_workloads_the_spec_names_are_built_with_zero_replicas_while_suspended()
    {
        var owner = Samples.Fraud(spec => spec with { Suspend = true });
        RuntimeDeploymentBuilder.Build(owner, new ModelBackend("champion", BackendRole.Champion, V2, 0), new ModelDeploymentBuildOptions(), suspended: true).Spec!.Replicas.Should().Be(0);
        RouterDeploymentBuilder.Build(owner, new ModelDeploymentBuildOptions(), suspended: true).Spec!.Replicas.Should().Be(0);
    }

    [Fact]
    public void While_suspended_the_replacement_keeps_its_start_and_on_resume_the_deadline_starts_again()
    {
        VersionPlan.From(Spec(suspend: true), Status(suspended: true), Now).PendingSince.Should().Be(Started);
        VersionPlan.From(Spec(suspend: false), Status(suspended: true), Now).PendingSince.Should().Be(Now, "the first reconcile after resume restarts the progress deadline");
        VersionPlan.From(Spec(suspend: false), Status(suspended: false), Now).PendingSince.Should().Be(Started);
    }

    [Fact]
    public void A_canary_scaled_to_zero_leaves_the_routing_table_and_comes_back_only_when_available()
    {
        var plan = VersionPlan.From(Spec(suspend: true), Status(suspended: true), Now);
        var inTable = CanaryTable().Backends.Select(b => b.Version).ToHashSet();

        // While suspended (or resuming) the reconciler decides no weight for the pending version: the canary is dropped.
        var suspended = RoutedBackends.Select(Spec(suspend: true), plan, v => inTable.Contains(v), pendingWeight: null);
        suspended.Select(b => b.Model.Version).Should().Equal("v1");
        suspended.Should().NotContain(b => b.Name == RoutedBackends.CanaryName);
    }
}
