using k8s.Models;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Tests.Informers;

public sealed class ObjectCacheTests
{
    [Fact]
    public void Indexes_by_namespace_owner_and_label_follow_updates_and_deletes()
    {
        var cache = new ObjectCache<V1ConfigMap>();
        cache.Upsert(TestObjects.ConfigMap("a", "one", labels: new() { ["app"] = "x" }, ownerUid: "u1"));
        cache.Upsert(TestObjects.ConfigMap("a", "two", labels: new() { ["app"] = "y" }, ownerUid: "u1"));
        cache.Upsert(TestObjects.ConfigMap("b", "one", labels: new() { ["app"] = "x" }));

        cache.Count.Should().Be(3);
        cache.ListInNamespace("a").Select(Name).Should().BeEquivalentTo("a/one", "a/two");
        cache.ListByOwnerUid("u1").Select(Name).Should().BeEquivalentTo("a/one", "a/two");
        cache.ListByLabel("app", "x").Select(Name).Should().BeEquivalentTo("a/one", "b/one");

        var change = cache.Upsert(TestObjects.ConfigMap("a", "one", labels: new() { ["app"] = "y" }, resourceVersion: "2"));

        change.Type.Should().Be(CacheChangeType.Updated);
        change.Old!.Metadata.ResourceVersion.Should().Be("1");
        cache.ListByLabel("app", "x").Select(Name).Should().BeEquivalentTo("b/one");
        cache.ListByLabel("app", "y").Select(Name).Should().BeEquivalentTo("a/one", "a/two");
        cache.ListByOwnerUid("u1").Select(Name).Should().BeEquivalentTo("a/two");

        cache.Delete(TestObjects.ConfigMap("a", "two"))!.Type.Should().Be(CacheChangeType.Deleted);
        cache.Delete(TestObjects.ConfigMap("a", "two")).Should().BeNull();
        cache.ListInNamespace("a").Select(Name).Should().BeEquivalentTo("a/one");
        cache.ListByOwnerUid("u1").Should().BeEmpty();
        cache.Get(new ObjectKey("b", "one")).Should().NotBeNull();
        cache.Get("a", "two").Should().BeNull();
    }

    [Fact]
    public void Replace_with_a_namespace_leaves_the_other_namespaces_alone()
    {
        var cache = new ObjectCache<V1ConfigMap>();
        cache.Upsert(TestObjects.ConfigMap("a", "kept"));
        cache.Upsert(TestObjects.ConfigMap("b", "vanished"));

        var changes = cache.Replace([TestObjects.ConfigMap("b", "new")], "b");

        changes.Select(c => (c.Type, Name(c.New ?? c.Old!))).Should().BeEquivalentTo(
        [
            (CacheChangeType.Added, "b/new"),
            (CacheChangeType.Deleted, "b/vanished"),
        ]);
        cache.Get("a", "kept").Should().NotBeNull();
    }

    [Fact]
    public void Replace_reports_vanished_objects_as_deleted_and_changed_ones_as_updated()
    {
        var cache = new ObjectCache<V1ConfigMap>();
        cache.Upsert(TestObjects.ConfigMap("ns", "unchanged", resourceVersion: "1"));
        cache.Upsert(TestObjects.ConfigMap("ns", "changed", resourceVersion: "2"));
        cache.Upsert(TestObjects.ConfigMap("ns", "vanished", resourceVersion: "3", labels: new() { ["l"] = "v" }));

        var changes = cache.Replace(
        [
            TestObjects.ConfigMap("ns", "unchanged", resourceVersion: "1"),
            TestObjects.ConfigMap("ns", "changed", resourceVersion: "7"),
            TestObjects.ConfigMap("ns", "new", resourceVersion: "8"),
        ]);

        changes.Select(c => (c.Type, Name(c.New ?? c.Old!))).Should().BeEquivalentTo(
        [
            (CacheChangeType.Updated, "ns/changed"),
            (CacheChangeType.Added, "ns/new"),
            (CacheChangeType.Deleted, "ns/vanished"),
        ]);
        cache.Count.Should().Be(3);
        cache.ListByLabel("l", "v").Should().BeEmpty();
        cache.Get("ns", "changed")!.Metadata.ResourceVersion.Should().Be("7");
    }

    private static string Name(V1ConfigMap map) => ObjectKey.From(map).ToString();
}
