using k8s.Models;
using Modelship.Api.Serialization;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Tests.ModelDeployment.Builders;

namespace Modelship.Operator.Tests.ModelDeployment;

public sealed class ChildCachesTests
{
    private static V1Deployment LiveRuntime()
    {
        var owner = Samples.Fraud();
        var built = RuntimeDeploymentBuilder.Build(owner, ModelBackend.FromSpec(owner.Spec)[0], new ModelDeploymentBuildOptions(), suspended: false);
        AppliedHash.Stamp(built, ModelshipApiJsonContext.KubernetesClientOptions);
        built.Metadata.Generation = 4;
        built.Status = new V1DeploymentStatus { ObservedGeneration = 4, Replicas = 2, UpdatedReplicas = 2, AvailableReplicas = 2 };
        return built;
    }

    [Fact]
    public void A_cached_deployment_keeps_what_the_controller_reads_and_drops_the_pod_template()
    {
        var live = LiveRuntime();
        var replicas = live.Spec!.Replicas!.Value;
        var hash = live.Metadata.Annotations![ChildMetadata.AppliedHashAnnotation];
        var availableBefore = DeploymentAvailability.IsAvailable(live, replicas);

        var cached = (V1Deployment)ChildCaches.WithoutPodTemplate(live);

        cached.Spec!.Template.Should().BeNull();
        cached.Spec.Selector.Should().BeNull();
        cached.Spec.Replicas.Should().Be(replicas);
        AppliedHash.Matches(cached, hash).Should().BeTrue("an unchanged child is still recognised by its applied hash");
        DeploymentAvailability.IsAvailable(cached, replicas).Should().Be(availableBefore).And.BeTrue();
        cached.Metadata.Labels.Should().ContainKey(ChildMetadata.VersionLabel);
    }

    [Fact]
    public void A_cached_router_pod_keeps_readiness_ip_and_the_served_generation()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "fraud-router-abc",
                NamespaceProperty = "ml",
                Annotations = new Dictionary<string, string> { [Api.Routing.RoutingTableConventions.ServedGenerationAnnotation] = "7" },
            },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "router", Image = "ghcr.io/modelship/modelship:dev" }] },
            Status = new V1PodStatus
            {
                PodIP = "10.244.0.7",
                Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }],
                ContainerStatuses = [new V1ContainerStatus { Name = "router" }],
            },
        };

        var cached = (V1Pod)ChildCaches.RouterPodFacts(pod);

        cached.Spec.Should().BeNull();
        cached.Status!.ContainerStatuses.Should().BeNull();
        ServedGeneration.Lowest([cached]).Should().Be(7);
        cached.Status.PodIP.Should().Be("10.244.0.7");
    }
}
