using System.Threading.Channels;
using k8s.Models;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Tests.Queue;
using Modelship.Kubernetes.Watch;

namespace Modelship.Kubernetes.Tests.Informers;

public sealed class SharedInformerTests : IAsyncDisposable
{
    private readonly Channel<ListWatchEvent<V1ConfigMap>> _stream = Channel.CreateUnbounded<ListWatchEvent<V1ConfigMap>>();
    private readonly CancellationTokenSource _stop = new();
    private readonly RecordingHandler _handler = new();
    private readonly ManualTimeProvider _time = new();
    private int _streamsOpened;
    private Task _run = Task.CompletedTask;

    [Fact]
    public async Task First_list_fills_the_cache_and_marks_it_synced_then_changes_reach_the_handler()
    {
        var informer = Start();
        informer.HasSynced.Should().BeFalse();

        await Send(Snapshot("1", TestObjects.ConfigMap("ns", "a")));
        await informer.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        await Send(Change(ListWatchEventType.Modified, TestObjects.ConfigMap("ns", "a", resourceVersion: "2")));
        await Send(Change(ListWatchEventType.Added, TestObjects.ConfigMap("ns", "b", resourceVersion: "3")));
        await Send(Change(ListWatchEventType.Deleted, TestObjects.ConfigMap("ns", "a", resourceVersion: "4")));

        await _handler.WaitForCount(4);
        _handler.Log.Should().Equal("add ns/a@1", "update ns/a@1->2", "add ns/b@3", "delete ns/a@4");
        informer.Cache.List().Select(m => m.Metadata.Name).Should().Equal("b");
    }

    [Fact]
    public async Task Objects_are_cached_without_managed_fields_and_other_metadata_is_kept()
    {
        static V1ConfigMap WithManagedFields(string name, string resourceVersion)
        {
            var map = TestObjects.ConfigMap("ns", name, resourceVersion: resourceVersion);
            map.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Apply" }];
            map.Metadata.SelfLink = "/api/v1/x";
            return map;
        }
        var informer = Start();
        await Send(Snapshot("1", WithManagedFields("listed", "1")));
        await Send(Change(ListWatchEventType.Added, WithManagedFields("watched", "2")));
        await _handler.WaitForCount(2);

        foreach (var name in new[] { "listed", "watched" })
        {
            var cached = informer.Cache.Get("ns", name)!.Metadata;
            cached.ManagedFields.Should().BeNull();
            cached.SelfLink.Should().Be("/api/v1/x");
        }
    }

    [Fact]
    public async Task A_relist_emits_deletes_for_vanished_and_updates_for_changed_objects_only()
    {
        var informer = Start();
        await Send(Snapshot("1",
            TestObjects.ConfigMap("ns", "same", resourceVersion: "1"),
            TestObjects.ConfigMap("ns", "changed", resourceVersion: "1"),
            TestObjects.ConfigMap("ns", "gone", resourceVersion: "1")));
        await _handler.WaitForCount(3);

        await Send(Snapshot("9",
            TestObjects.ConfigMap("ns", "same", resourceVersion: "1"),
            TestObjects.ConfigMap("ns", "changed", resourceVersion: "5"),
            TestObjects.ConfigMap("ns", "new", resourceVersion: "6")));

        await _handler.WaitForCount(6);
        _handler.Log.Skip(3).Should().BeEquivalentTo("delete ns/gone@1", "update ns/changed@1->5", "add ns/new@6");
        informer.HasSynced.Should().BeTrue();
    }

    [Fact]
    public async Task A_handler_added_late_first_gets_every_cached_object_as_added()
    {
        var informer = Start(withHandler: false);
        await Send(Snapshot("1", TestObjects.ConfigMap("ns", "a"), TestObjects.ConfigMap("ns", "b")));
        await informer.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        using var registration = informer.AddEventHandler(_handler);
        await Send(Change(ListWatchEventType.Added, TestObjects.ConfigMap("ns", "c", resourceVersion: "2")));

        await _handler.WaitForCount(3);
        _handler.Log.Should().BeEquivalentTo("add ns/a@1", "add ns/b@1", "add ns/c@2");
    }

    [Fact]
    public async Task A_failing_handler_does_not_stop_the_others()
    {
        var informer = Start();
        informer.AddEventHandler(new InformerEventHandler<V1ConfigMap> { Added = _ => throw new InvalidOperationException("boom") });
        var second = new RecordingHandler();
        informer.AddEventHandler(second);

        await Send(Snapshot("1", TestObjects.ConfigMap("ns", "a")));
        await Send(Change(ListWatchEventType.Added, TestObjects.ConfigMap("ns", "b", resourceVersion: "2")));

        await second.WaitForCount(2);
        await _handler.WaitForCount(2);
    }

    [Fact]
    public async Task A_broken_stream_is_reopened_after_a_delay()
    {
        Start();
        await Send(Snapshot("1", TestObjects.ConfigMap("ns", "a")));
        await _handler.WaitForCount(1);

        _stream.Writer.TryComplete(new IOException("connection reset"));
        await WaitUntil(() => _time.ArmedTimers > 0);
        Volatile.Read(ref _streamsOpened).Should().Be(1);

        _time.Advance(TimeSpan.FromSeconds(1));

        await WaitUntil(() => Volatile.Read(ref _streamsOpened) == 2);
    }

    [Fact]
    public async Task A_resync_hands_every_cached_object_on_again_as_an_update_to_itself()
    {
        Start(resyncPeriod: TimeSpan.FromMinutes(10));
        await Send(Snapshot("1", TestObjects.ConfigMap("ns", "a"), TestObjects.ConfigMap("ns", "b", resourceVersion: "2")));
        await _handler.WaitForCount(2);
        await WaitUntil(() => _time.ArmedTimers > 0);

        _time.Advance(TimeSpan.FromMinutes(8.9));
        _handler.Log.Should().HaveCount(2, "not before 90 % of the period");
        _time.Advance(TimeSpan.FromMinutes(2.2));
        await _handler.WaitForCount(4);
        _handler.Log.Skip(2).Should().BeEquivalentTo("update ns/a@1->1", "update ns/b@2->2");

        await WaitUntil(() => _time.ArmedTimers > 0);
        _time.Advance(TimeSpan.FromMinutes(11));
        await _handler.WaitForCount(6);
    }

    [Fact]
    public async Task Without_a_resync_period_nothing_is_handed_on_again()
    {
        Start();
        await Send(Snapshot("1", TestObjects.ConfigMap("ns", "a")));
        await _handler.WaitForCount(1);

        _time.ArmedTimers.Should().Be(0, "no resync is scheduled");
        _time.Advance(TimeSpan.FromHours(24));
        await Send(Change(ListWatchEventType.Modified, TestObjects.ConfigMap("ns", "a", resourceVersion: "2")));
        await _handler.WaitForCount(2);
        _handler.Log.Should().Equal("add ns/a@1", "update ns/a@1->2");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private SharedInformer<V1ConfigMap> Start(bool withHandler = true, TimeSpan? resyncPeriod = null)
    {
        var informer = new SharedInformer<V1ConfigMap>(ResourceType.Of<V1ConfigMap>(), Open, timeProvider: _time, resyncPeriod: resyncPeriod);
        if (withHandler)
        {
            informer.AddEventHandler(_handler);
        }

        _run = informer.RunAsync(_stop.Token);
        return informer;
    }

    private IAsyncEnumerable<ListWatchEvent<V1ConfigMap>> Open(CancellationToken cancellationToken)
    {
        // The first stream is the test's channel; a reopened one stays empty.
        return Interlocked.Increment(ref _streamsOpened) == 1
            ? _stream.Reader.ReadAllAsync(cancellationToken)
            : Channel.CreateUnbounded<ListWatchEvent<V1ConfigMap>>().Reader.ReadAllAsync(cancellationToken);
    }

    private ValueTask Send(ListWatchEvent<V1ConfigMap> change) => _stream.Writer.WriteAsync(change);

    private static ListWatchEvent<V1ConfigMap> Snapshot(string resourceVersion, params V1ConfigMap[] items) =>
        new(ListWatchEventType.Snapshot, null, items, resourceVersion);

    private static ListWatchEvent<V1ConfigMap> Change(ListWatchEventType type, V1ConfigMap obj) =>
        new(type, obj, [], obj.Metadata.ResourceVersion!);

    private static Task WaitUntil(Func<bool> condition) => Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(5), "the condition should hold within 5 s");

    private sealed class RecordingHandler : IInformerEventHandler<V1ConfigMap>
    {
        private readonly List<string> _log = [];

        public IReadOnlyList<string> Log
        {
            get
            {
                lock (_log)
                {
                    return [.. _log];
                }
            }
        }

        public void OnAdd(V1ConfigMap obj) => Record($"add {Key(obj)}@{obj.Metadata.ResourceVersion}");

        public void OnUpdate(V1ConfigMap oldObj, V1ConfigMap newObj) =>
            Record($"update {Key(newObj)}@{oldObj.Metadata.ResourceVersion}->{newObj.Metadata.ResourceVersion}");

        public void OnDelete(V1ConfigMap obj) => Record($"delete {Key(obj)}@{obj.Metadata.ResourceVersion}");

        public Task WaitForCount(int count) => WaitUntil(() => Log.Count >= count);

        private static string Key(V1ConfigMap obj) => $"{obj.Metadata.NamespaceProperty}/{obj.Metadata.Name}";

        private void Record(string entry)
        {
            lock (_log)
            {
                _log.Add(entry);
            }
        }
    }
}
