using k8s.Models;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Rbac;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// The generated ClusterRoles are accepted by the API server, and an identity holding only the operator's role can
/// give a router its identity (RBAC's escalation check: `bind` on modelship-router) but cannot bind any other role.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class GeneratedRbacTests(SharedClusterFixture fixture) : NamespacedTest(fixture.Cluster, "mdep-rbac")
{
    private static readonly ApplyOptions Force = new() { Force = true };

    [Fact]
    public async Task The_operator_role_may_bind_the_router_role_and_nothing_else()
    {
        var options = new ModelDeploymentBuildOptions();
        foreach (var (role, rules) in RbacManifests.Rules(options.RouterClusterRole).Where(r => !RbacRoles.IsNamespaced(r.Key)))
        {
            await Client.For<V1ClusterRole>().ApplyAsync(RbacManifests.AsClusterRole(role, RbacRoles.InstalledNamePrefix + role, rules), Force);
        }
        // The operator's role, granted in this namespace only, to a user who holds nothing else.
        await Client.For<V1RoleBinding>().CreateAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "operator", NamespaceProperty = TestNamespace },
            Subjects = [new Rbacv1Subject { Kind = "User", ApiGroup = "rbac.authorization.k8s.io", Name = TestCluster.TestCluster.UnprivilegedUser }],
            RoleRef = new V1RoleRef { Kind = "ClusterRole", Name = RbacRoles.InstalledNamePrefix + RbacRoles.Operator },
        });
        using var asOperator = fixture.Cluster.UnprivilegedClient();
        var owner = new MD { Metadata = new V1ObjectMeta { Name = "iris", NamespaceProperty = TestNamespace, Uid = Guid.NewGuid().ToString() }, Spec = new() { Model = new() { Uri = "https://m/v1.onnx", Version = "v1" } } };
        var account = RouterIdentityBuilder.ServiceAccount(owner);
        var binding = RouterIdentityBuilder.RoleBinding(owner, options);
        // No owner: the owner does not exist, and the garbage collector would remove the objects.
        account.Metadata.OwnerReferences = null;
        binding.Metadata.OwnerReferences = null;

        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await asOperator.For<V1ServiceAccount>().ApplyAsync(account, Force);
                return true;
            }
            catch (KubernetesApiException ex) when (ex.IsForbidden)
            {
                return false; // the new binding reaches the authorizer's cache shortly
            }
        }, TimeSpan.FromSeconds(15), "the operator role allows applying the router's ServiceAccount");
        var applied = await asOperator.For<V1RoleBinding>().ApplyAsync(binding, Force);
        applied.RoleRef.Name.Should().Be(options.RouterClusterRole);

        var toClusterAdmin = new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "escalate", NamespaceProperty = TestNamespace },
            Subjects = binding.Subjects,
            // Not "admin": without kube-controller-manager its aggregated rules are empty, and binding nothing is no escalation.
            RoleRef = new V1RoleRef { Kind = "ClusterRole", Name = "cluster-admin" },
        };
        var denied = await FluentActions.Awaiting(() => asOperator.For<V1RoleBinding>().ApplyAsync(toClusterAdmin, Force)).Should().ThrowAsync<KubernetesApiException>();
        denied.Which.IsForbidden.Should().BeTrue();
    }
}
