using System.Text.Json.Nodes;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Watch;

namespace Modelship.IntegrationTests.Watch;

[Collection(SharedClusterCollection.Name)]
public sealed class WatchOrderTests(SharedClusterFixture fixture) : IAsyncLifetime
{
    private readonly KubernetesClient _client = fixture.Cluster.AdminClient();
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await fixture.Cluster.CreateNamespaceAsync("watch");

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_watch_from_the_lists_resourceVersion_sees_create_update_delete_in_order()
    {
        var configMaps = _client.For<ConfigMap>();
        var list = await configMaps.ListAsync(_ns);
        await using var watch = new EventRecorder<WatchEvent<ConfigMap>>(ct =>
            configMaps.WatchAsync(_ns, new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion, TimeoutSeconds = 60 }, ct));

        await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "a", Namespace = _ns }, Data = new() { ["v"] = "1" } });
        for (var i = 2; i <= 5; i++)
        {
            await configMaps.MergePatchAsync(_ns, "a", new JsonObject { ["data"] = new JsonObject { ["v"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        }

        await configMaps.DeleteAsync(_ns, "a");

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
        var configMaps = _client.For<ConfigMap>();
        await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "existing", Namespace = _ns } });
        await using var watch = new EventRecorder<ListWatchEvent<ConfigMap>>(ct => configMaps.ListWatch(_ns).WatchAsync(ct));

        var snapshot = await watch.NextAsync();
        snapshot.Type.Should().Be(ListWatchEventType.Snapshot);
        snapshot.Items.Select(c => c.Metadata.Name).Should().Equal("existing");

        await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "new", Namespace = _ns } });
        await configMaps.DeleteAsync(_ns, "existing");

        var added = await watch.NextAsync();
        (added.Type, added.Object!.Metadata.Name).Should().Be((ListWatchEventType.Added, "new"));
        var deleted = await watch.NextAsync();
        (deleted.Type, deleted.Object!.Metadata.Name).Should().Be((ListWatchEventType.Deleted, "existing"));
    }

    [Fact]
    public async Task A_watch_with_a_label_selector_sees_only_matching_objects()
    {
        var configMaps = _client.For<ConfigMap>();
        var list = await configMaps.ListAsync(_ns);
        await using var watch = new EventRecorder<WatchEvent<ConfigMap>>(ct =>
            configMaps.WatchAsync(_ns, new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion, LabelSelector = "pick=yes" }, ct));

        await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "skip", Namespace = _ns, Labels = new() { ["pick"] = "no" } } });
        await configMaps.CreateAsync(new ConfigMap { Metadata = new() { Name = "take", Namespace = _ns, Labels = new() { ["pick"] = "yes" } } });

        var events = await watch.UntilAsync(e => e.Type == WatchEventType.Added);
        events.Last().Object!.Metadata.Name.Should().Be("take");
    }
}
