using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Tests.ModelDeployment.Builders;

public sealed class AutoscalingBuildersTests
{
    private static readonly AutoscalingSpec Autoscaling = new() { MinReplicas = 2, MaxReplicas = 6, Metrics = new AutoscalingMetrics { CpuUtilization = 60, RequestsPerSecond = 0.5 } };

    private static V1Deployment Deployment(int? replicas, Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "fraud-v2", NamespaceProperty = "risk", Annotations = annotations },
        Spec = new V1DeploymentSpec { Replicas = replicas },
    };

    [Theory]
    [InlineData(false, true, null)]
    [InlineData(true, true, 0)]
    [InlineData(false, false, 3)]
    public void Release_drops_replicas_only_when_autoscaled_and_not_suspended(bool suspended, bool autoscaled, int? expected)
    {
        var released = AutoscaledReplicas.Release(Deployment(suspended ? 0 : 3), autoscaled ? Autoscaling : null, suspended);

        released.Spec.Replicas.Should().Be(expected);
        (released.Metadata.Annotations?.ContainsKey(AutoscaledReplicas.Annotation) == true).Should().Be(autoscaled && !suspended);
    }

    public static TheoryData<string, V1Deployment?, int?> Handovers => new()
    {
        { "not created yet: nothing to hand over", null, null },
        { "already autoscaled: the autoscaler owns it", Deployment(5, new() { [AutoscaledReplicas.Annotation] = "true" }), null },
        { "running: at its count", Deployment(3), 3 },
        { "at zero (resumed): at minReplicas", Deployment(0), 2 },
    };

    [Theory]
    [MemberData(nameof(Handovers))]
    public void Handover(string because, V1Deployment? live, int? expected) =>
        AutoscaledReplicas.Handover(live, Autoscaling).Should().Be(expected, because);

    [Fact]
    public void The_autoscaler_targets_the_deployment_with_its_metrics()
    {
        var hpa = HorizontalPodAutoscalerBuilder.Build(Deployment(null), Autoscaling);

        hpa.ApiVersion.Should().Be("autoscaling/v2beta2");
        hpa.Metadata.Name.Should().Be("fraud-v2");
        hpa.Spec.ScaleTargetRef.Should().BeEquivalentTo(new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "fraud-v2" });
        hpa.Spec.MinReplicas.Should().Be(2);
        hpa.Spec.MaxReplicas.Should().Be(6);
        hpa.Spec.Metrics.Select(m => m.Type).Should().Equal("Resource", "Pods");
        hpa.Spec.Metrics[0].Resource.Target.AverageUtilization.Should().Be(60);
        hpa.Spec.Metrics[1].Pods.Target.AverageValue.ToString().Should().Be("500m");
        hpa.Spec.Metrics[1].Pods.Metric.Name.Should().Be("modelship_requests_per_second");
    }
}
