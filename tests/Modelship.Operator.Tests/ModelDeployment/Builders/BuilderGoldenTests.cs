using k8s.Models;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Tests.ModelDeployment.Builders;

public sealed class BuilderGoldenTests
{
    private static readonly ModelDeploymentBuildOptions Options = new();

    [Fact]
    public void Built_in_runtime_deployment_matches_golden() =>
        Golden.Matches(RuntimeDeploymentBuilder.Build(Samples.Fraud(), ModelBackend.FromSpec(Samples.Fraud().Spec)[0], Options, suspended: false), "runtime-deployment-builtin");

    [Fact]
    public void Custom_runtime_from_a_pvc_matches_golden()
    {
        var deployment = Samples.Fraud(spec => spec with
        {
            Model = new ModelSpec { Uri = "pvc://models/fraud/v2", Version = "v2", Format = ModelFormat.Onnx },
            Runtime = new RuntimeSpec { Image = "nvcr.io/nvidia/tritonserver:24.01-py3", Port = 8000, Args = ["tritonserver", "--model-repository=/models"], Env = [new EnvironmentVariable { Name = "LOG_VERBOSE", Value = "1" }] },
        });
        Golden.Matches(RuntimeDeploymentBuilder.Build(deployment, ModelBackend.FromSpec(deployment.Spec)[0], Options, suspended: false), "runtime-deployment-custom-pvc");
    }

    [Fact]
    public void Runtime_service_matches_golden() =>
        Golden.Matches(RuntimeServiceBuilder.Build(Samples.Fraud(), "v2"), "runtime-service");

    [Fact]
    public void Router_deployment_matches_golden() =>
        Golden.Matches(RouterDeploymentBuilder.Build(Samples.Fraud(), Options, suspended: false), "router-deployment");

    [Fact]
    public void Endpoint_service_matches_golden() =>
        Golden.Matches(EndpointServiceBuilder.Build(Samples.Fraud(), Options), "endpoint-service");

    [Fact]
    public void Router_service_account_matches_golden() =>
        Golden.Matches(RouterIdentityBuilder.ServiceAccount(Samples.Fraud()), "router-serviceaccount");

    [Fact]
    public void Router_role_binding_matches_golden() =>
        Golden.Matches(RouterIdentityBuilder.RoleBinding(Samples.Fraud(), Options), "router-rolebinding");

    [Fact]
    public void Router_pods_run_as_their_own_account_with_its_token_and_runtime_pods_without_one()
    {
        var deployment = Samples.Fraud();
        var router = RouterDeploymentBuilder.Build(deployment, Options, suspended: false).Spec!.Template!.Spec!;
        var account = RouterIdentityBuilder.ServiceAccount(deployment);
        var binding = RouterIdentityBuilder.RoleBinding(deployment, Options);

        router.ServiceAccountName.Should().Be(account.Metadata.Name);
        router.AutomountServiceAccountToken.Should().BeTrue();
        account.AutomountServiceAccountToken.Should().BeFalse("only pods that opt in get the token");
        binding.Subjects.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = "ServiceAccount", Name = account.Metadata.Name, NamespaceProperty = "risk" });
        binding.RoleRef.Should().BeEquivalentTo(new { Kind = "ClusterRole", Name = "modelship-router" });
        RuntimeDeploymentBuilder.Build(deployment, ModelBackend.FromSpec(deployment.Spec)[0], Options, suspended: false).Spec!.Template!.Spec!.AutomountServiceAccountToken.Should().BeFalse();
    }

    [Fact]
    public void Routing_configmap_matches_golden()
    {
        var deployment = Samples.Fraud();
        var table = RoutingTableBuilder.Build("fraud", 4, ModelBackend.FromSpec(deployment.Spec), null, null, b => RuntimeServiceBuilder.Url(deployment, b.Model.Version));
        Golden.Matches(RoutingConfigMapBuilder.Build(deployment, table), "routing-configmap");
    }

    [Fact]
    public void Suspended_workloads_have_zero_replicas()
    {
        var deployment = Samples.Fraud();
        RuntimeDeploymentBuilder.Build(deployment, ModelBackend.FromSpec(deployment.Spec)[0], Options, suspended: true).Spec!.Replicas.Should().Be(0);
        RouterDeploymentBuilder.Build(deployment, Options, suspended: true).Spec!.Replicas.Should().Be(0);
    }

    [Fact]
    public void Every_child_is_controlled_by_the_model_deployment()
    {
        var deployment = Samples.Fraud();
        var backend = ModelBackend.FromSpec(deployment.Spec)[0];
        var table = RoutingTableBuilder.Build("fraud", 1, [backend], null, null, _ => "http://x:1");
        k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>[] children =
        [
            RuntimeDeploymentBuilder.Build(deployment, backend, Options, false), RuntimeServiceBuilder.Build(deployment, "v2"),
            RouterDeploymentBuilder.Build(deployment, Options, false), EndpointServiceBuilder.Build(deployment, Options), RoutingConfigMapBuilder.Build(deployment, table),
            RouterIdentityBuilder.ServiceAccount(deployment), RouterIdentityBuilder.RoleBinding(deployment, Options),
        ];
        foreach (var child in children)
        {
            child.Metadata.OwnerReferences.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = "ModelDeployment", Name = "fraud", Uid = deployment.Metadata.Uid, Controller = true, BlockOwnerDeletion = true });
            child.Metadata.Labels.Should().ContainKeys(ChildMetadata.NameLabel, ChildMetadata.InstanceLabel, ChildMetadata.ComponentLabel, ChildMetadata.ManagedByLabel, ChildMetadata.PartOfLabel);
        }
        RoutingConfigMapBuilder.TableOf((V1ConfigMap)children[4])!.Backends.Should().ContainSingle().Which.Role.Should().Be(BackendRole.Champion);
    }
}
