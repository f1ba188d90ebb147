using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;

namespace Modelship.IntegrationTests.Informers;

[Collection(SharedClusterCollection.Name)]
public sealed class LabelSelectedInformerTests(SharedClusterFixture fixture) : NamespacedTest(fixture.Cluster, "informer-selector")
{
    private const string RouterSelector = "app.kubernetes.io/component=router,app.kubernetes.io/managed-by=modelship-operator";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static V1Pod PodNamed(string ns, string name, Dictionary<string, string>? labels) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "ghcr.io/modelship/modelship:dev" }] },
    };

    [Fact]
    public async Task Only_pods_with_the_labels_are_cached_and_a_pod_that_loses_them_leaves_the_cache()
    {
        var pods = Client.For<V1Pod>();
        // Existing before the informer starts (reaches it through the list) ...
        await pods.CreateAsync(PodNamed(TestNamespace, "plain-before", null));
        await pods.CreateAsync(PodNamed(TestNamespace, "router-before", new() { ["app.kubernetes.io/component"] = "router", ["app.kubernetes.io/managed-by"] = "modelship-operator" }));
        await using var factory = new SharedInformerFactory(Client, new SharedInformerFactoryOptions { Namespaces = [TestNamespace] });
        var routers = factory.For<V1Pod>(new InformerOptions { LabelSelector = RouterSelector });
        using var stop = new CancellationTokenSource();
        factory.Start(stop.Token);
        await routers.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(Wait);

        // ... and created while it watches.
        await pods.CreateAsync(PodNamed(TestNamespace, "plain-after", new() { ["app.kubernetes.io/component"] = "runtime", ["app.kubernetes.io/managed-by"] = "modelship-operator" }));
        await pods.CreateAsync(PodNamed(TestNamespace, "router-after", new() { ["app.kubernetes.io/component"] = "router", ["app.kubernetes.io/managed-by"] = "modelship-operator" }));
        await Eventually.HoldsAsync(() => Task.FromResult(routers.Cache.Get(TestNamespace, "router-after") is not null), Wait, "the new router pod is cached");

        routers.Cache.List().Select(p => p.Metadata.Name).Should().BeEquivalentTo(["router-before", "router-after"], "pods without the labels never reach the cache");

        await pods.MergePatchAsync(TestNamespace, "router-before", JsonNode.Parse("""{"metadata":{"labels":{"app.kubernetes.io/component":"debug"}}}""")!);
        await Eventually.HoldsAsync(() => Task.FromResult(routers.Cache.Get(TestNamespace, "router-before") is null), Wait, "a pod whose labels stop matching is dropped");
        routers.Cache.List().Select(p => p.Metadata.Name).Should().Equal("router-after");
        await stop.CancelAsync();
    }
}
