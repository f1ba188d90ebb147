using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Watch;

namespace Modelship.IntegrationTests.Watch;

[Collection(SharedClusterCollection.Name)]
public sealed class WatchOrderTests(SharedClusterFixture fixture) : NamespacedTest(fixture.Cluster, "watch")
{
    [Fact]
    public async Task A_watch_from_the_lists_resourceVersion_sees_create_update_delete_in_order()
    {
        var configMaps = Client.For<V1ConfigMap>();
        var list = await configMaps.ListAsync(TestNamespace);
        await using var watch = new EventRecorder<WatchEvent<V1ConfigMap>>(ct =>
            configMaps.WatchAsync(TestNamespace, new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion, TimeoutSeconds = 60 }, ct));

        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "a", NamespaceProperty = TestNamespace }, Data = new Dictionary<string, string> { ["v"] = "1" } });
        for (var i = 2; i <= 5; i++)
        {
            await configMaps.MergePatchAsync(TestNamespace, "a", new JsonObject { ["data"] = new JsonObject { ["v"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        }

        await configMaps.DeleteAsync(TestNamespace, "a");

        var events = (await watch.UntilAsync(e => e.Type == WatchEventType.Deleted)).Where(e => e.Type != WatchEventType.Bookmark).ToList();
        events.Select(e => e.Type).Should().Equal(
            WatchEventType.Added, WatchEventType.Modified, WatchEventType.Modified, WatchEventType.Modified, WatchEventType.Modified, WatchEventType.Deleted);
        events.Take(5).Select(e => e.Object!.Data!["v"]).Should().Equal("1", "2", "3", "4", "5");
        events.Select(e => long.Parse(e.Object!.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture))
            .Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task A_list_watch_starts_with_a_snapshot_then_streams_changes()
    {
        var configMaps = Client.For<V1ConfigMap>();
        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "existing", NamespaceProperty = TestNamespace } });
        await using var watch = new EventRecorder<ListWatchEvent<V1ConfigMap>>(ct => configMaps.ListWatch(TestNamespace).WatchAsync(ct));

        var snapshot = await watch.NextAsync();
        snapshot.Type.Should().Be(ListWatchEventType.Snapshot);
        snapshot.Items.Select(c => c.Metadata.Name).Should().Equal("existing");

        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "new", NamespaceProperty = TestNamespace } });
        await configMaps.DeleteAsync(TestNamespace, "existing");

        var added = await watch.NextAsync();
        (added.Type, added.Object!.Metadata.Name).Should().Be((ListWatchEventType.Added, "new"));
        var deleted = await watch.NextAsync();
        (deleted.Type, deleted.Object!.Metadata.Name).Should().Be((ListWatchEventType.Deleted, "existing"));
    }

    [Fact]
    public async Task A_watch_with_a_label_selector_sees_only_matching_objects()
    {
        var configMaps = Client.For<V1ConfigMap>();
        var list = await configMaps.ListAsync(TestNamespace);
        await using var watch = new EventRecorder<WatchEvent<V1ConfigMap>>(ct =>
            configMaps.WatchAsync(TestNamespace, new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion, LabelSelector = "pick=yes" }, ct));

        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "skip", NamespaceProperty = TestNamespace, Labels = new Dictionary<string, string> { ["pick"] = "no" } } });
        await configMaps.CreateAsync(new V1ConfigMap { Metadata = new() { Name = "take", NamespaceProperty = TestNamespace, Labels = new Dictionary<string, string> { ["pick"] = "yes" } } });

        var events = await watch.UntilAsync(e => e.Type == WatchEventType.Added);
        events.Last().Object!.Metadata.Name.Should().Be("take");
    }
}
