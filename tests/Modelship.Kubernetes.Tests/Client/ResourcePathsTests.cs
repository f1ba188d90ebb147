using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Tests.Client;

public sealed class ResourcePathsTests
{
    [Fact]
    public void Core_namespaced_kind()
    {
        ResourcePaths.Item(ResourceType.Of<V1ConfigMap>(), "ns1", "cm").Should().Be("/api/v1/namespaces/ns1/configmaps/cm");
        ResourcePaths.Collection(ResourceType.Of<V1ConfigMap>(), "ns1").Should().Be("/api/v1/namespaces/ns1/configmaps");
        ResourcePaths.Collection(ResourceType.Of<V1ConfigMap>(), null).Should().Be("/api/v1/configmaps");
    }

    [Fact]
    public void Grouped_kind_with_subresource()
    {
        ResourcePaths.Item(ResourceType.Of<V1Deployment>(), "ns1", "web", "status").Should().Be("/apis/apps/v1/namespaces/ns1/deployments/web/status");
        ResourcePaths.Item(ResourceType.Of<V1Lease>(), "kube-system", "leader").Should().Be("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/leader");
    }

    [Fact]
    public void Cluster_scoped_kinds_have_no_namespace_segment()
    {
        ResourcePaths.Item(ResourceType.Of<V1Namespace>(), null, "team-a").Should().Be("/api/v1/namespaces/team-a");
        ResourcePaths.Item(CustomResourceDefinition.Resource, null, "widgets.example.com")
            .Should().Be("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
    }

    [Fact]
    public void Namespace_mistakes_are_caught_before_any_request()
    {
        var clusterScopedWithNamespace = () => ResourcePaths.Item(ResourceType.Of<V1Namespace>(), "ns", "x");
        var namespacedWithout = () => ResourcePaths.Item(ResourceType.Of<V1ConfigMap>(), null, "x");

        clusterScopedWithNamespace.Should().Throw<ArgumentException>().WithMessage("*cluster-scoped*");
        namespacedWithout.Should().Throw<ArgumentException>().WithMessage("*namespace is required*");
    }

    [Fact]
    public void Names_are_escaped()
    {
        ResourcePaths.Item(ResourceType.Of<V1ConfigMap>(), "ns", "a b").Should().Be("/api/v1/namespaces/ns/configmaps/a%20b");
    }

    [Fact]
    public void Custom_resource_type_gives_api_version()
    {
        var type = new ResourceType("modelship.dev", "v1alpha1", "ModelDeployment", "modeldeployments", Namespaced: true);

        type.ApiVersion.Should().Be("modelship.dev/v1alpha1");
        ResourceType.Of<V1ConfigMap>().ApiVersion.Should().Be("v1");
        ResourcePaths.Collection(type, "ml").Should().Be("/apis/modelship.dev/v1alpha1/namespaces/ml/modeldeployments");
    }
}
