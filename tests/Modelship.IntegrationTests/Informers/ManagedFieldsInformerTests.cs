using k8s.Models;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;

namespace Modelship.IntegrationTests.Informers;

[Collection(SharedClusterCollection.Name)]
public sealed class ManagedFieldsInformerTests(SharedClusterFixture fixture) : NamespacedTest(fixture.Cluster, "informer-managed-fields")
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Cached_objects_have_no_managed_fields_and_an_update_from_the_cache_keeps_the_servers()
    {
        var configMaps = Client.For<V1ConfigMap>();
        await configMaps.ApplyAsync(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "applied", NamespaceProperty = TestNamespace },
            Data = new Dictionary<string, string> { ["a"] = "1", ["kept"] = "1" },
        }, new Kubernetes.Client.ApplyOptions { FieldManager = "someone-else" });
        (await configMaps.GetAsync(TestNamespace, "applied")).Metadata.ManagedFields.Should().NotBeNullOrEmpty("the server records who applied what");

        await using var factory = new SharedInformerFactory(Client, new SharedInformerFactoryOptions { Namespaces = [TestNamespace] });
        var informer = factory.For<V1ConfigMap>();
        using var stop = new CancellationTokenSource();
        factory.Start(stop.Token);
        await informer.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(Wait);
        HasManagedFields(informer.Cache.Get(TestNamespace, "applied")!).Should().BeFalse("listed objects are cached without it");

        await configMaps.ApplyAsync(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "watched", NamespaceProperty = TestNamespace },
            Data = new Dictionary<string, string> { ["b"] = "2" },
        });
        await Eventually.HoldsAsync(() => Task.FromResult(informer.Cache.Get(TestNamespace, "watched") is not null), Wait, "the watched object is cached");
        HasManagedFields(informer.Cache.Get(TestNamespace, "watched")!).Should().BeFalse("watched objects are cached without it");

        var cached = informer.Cache.Get(TestNamespace, "applied")!;
        cached.Data!["a"] = "changed";
        await configMaps.ReplaceAsync(cached);
        var stored = await configMaps.GetAsync(TestNamespace, "applied");
        stored.Data!["a"].Should().Be("changed");
        // The update takes over data.a only; the applier still owns data.kept, so the server kept its record.
        var someoneElse = stored.Metadata.ManagedFields!.Should().ContainSingle(entry => entry.Manager == "someone-else").Subject;
        someoneElse.FieldsV1!.ToString().Should().Contain("f:kept");
        await stop.CancelAsync();
    }

    private static bool HasManagedFields(V1ConfigMap map) => map.Metadata.ManagedFields is not null;
}
