using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Watch;

namespace Modelship.IntegrationTests.Watch;

/// <summary>Kills kube-apiserver and compacts etcd, so it runs on a cluster of its own.</summary>
public sealed class WatchDisruptionTests(IsolatedClusterFixture fixture) : NamespacedTest(fixture.Cluster, "disrupt"), IClassFixture<IsolatedClusterFixture>
{
    private static readonly ListWatcherOptions FastRetry = new() { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(500) };

    [Fact]
    public async Task A_list_watch_survives_a_kube_apiserver_restart_and_misses_nothing()
    {
        var configMaps = Client.For<V1ConfigMap>();
        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "a", NamespaceProperty = TestNamespace }, Data = new Dictionary<string, string> { ["v"] = "1" } });
        await using var watch = new EventRecorder<ListWatchEvent<V1ConfigMap>>(ct => configMaps.ListWatch(TestNamespace, FastRetry).WatchAsync(ct));
        (await watch.NextAsync()).Type.Should().Be(ListWatchEventType.Snapshot);

        // A change right before the crash may or may not have reached the watcher; either way it must arrive.
        await configMaps.MergePatchAsync(TestNamespace, "a", JsonNode.Parse("""{"data":{"v":"2"}}""")!);
        await fixture.Cluster.KillApiServerAsync();
        await Task.Delay(500);
        await fixture.Cluster.StartApiServerAsync();
        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "b", NamespaceProperty = TestNamespace } });
        await configMaps.MergePatchAsync(TestNamespace, "a", JsonNode.Parse("""{"data":{"v":"3"}}""")!);

        var events = await watch.UntilAsync(e => e.Object?.Metadata.Name == "a" && e.Object.Data!["v"] == "3", TimeSpan.FromSeconds(60));
        events.Should().NotContain(e => e.Type == ListWatchEventType.Snapshot, "the watch resumes from its resourceVersion instead of relisting");
        events.Select(e => $"{e.Type} {e.Object!.Metadata.Name} {e.Object.DataValue("v")}")
            .Should().Equal("Modified a 2", "Added b ", "Modified a 3");
    }

    [Fact]
    public async Task A_watch_from_a_compacted_resourceVersion_is_410_Gone()
    {
        var configMaps = Client.For<V1ConfigMap>();
        var old = (await configMaps.ListAsync(TestNamespace)).Metadata.ResourceVersion;
        // Two writes: etcd keeps the compaction revision itself, so with one write a watch from `old` would still start.
        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "after", NamespaceProperty = TestNamespace } });
        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "after-2", NamespaceProperty = TestNamespace } });
        await fixture.Cluster.CompactEtcdAsync();

        var gone = false;
        try
        {
            await foreach (var e in configMaps.WatchAsync(TestNamespace, new WatchOptions { ResourceVersion = old, TimeoutSeconds = 5 }))
            {
                gone = e.IsGone;
                break;
            }
        }
        catch (KubernetesApiException e)
        {
            gone = e.IsGone;
        }

        gone.Should().BeTrue("the server either refuses the watch with 410 or sends an ERROR event with code 410");
    }

    [Fact]
    public async Task After_410_Gone_the_list_watch_relists_and_the_snapshot_shows_what_changed_meanwhile()
    {
        var configMaps = Client.For<V1ConfigMap>();
        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "kept", NamespaceProperty = TestNamespace } });
        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "vanishes", NamespaceProperty = TestNamespace } });
        await using var watch = new EventRecorder<ListWatchEvent<V1ConfigMap>>(ct => configMaps.ListWatch(TestNamespace, FastRetry).WatchAsync(ct));
        (await watch.NextAsync()).Items.Select(c => c.Metadata.Name).Should().BeEquivalentTo(["kept", "vanishes"]);

        // While kube-apiserver is down, delete an object directly in etcd and compact the history past the watcher's
        // resourceVersion: the delete event can never be delivered, only a relist can reveal it.
        await fixture.Cluster.KillApiServerAsync();
        await fixture.Cluster.EtcdctlAsync(CancellationToken.None, "del", $"/registry/configmaps/{TestNamespace}/vanishes");
        await fixture.Cluster.EtcdctlAsync(CancellationToken.None, "put", "/modelship-test/bump", "1");
        await fixture.Cluster.CompactEtcdAsync();
        await fixture.Cluster.StartApiServerAsync();
        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "later", NamespaceProperty = TestNamespace } });

        var events = await watch.UntilAsync(e => e.Object?.Metadata.Name == "later" || e.Items.Any(c => c.Metadata.Name == "later"), TimeSpan.FromSeconds(60));
        var relist = events.Should().ContainSingle(e => e.Type == ListWatchEventType.Snapshot).Which;
        relist.Items.Select(c => c.Metadata.Name).Should().Contain("kept").And.NotContain("vanishes");
    }
}
