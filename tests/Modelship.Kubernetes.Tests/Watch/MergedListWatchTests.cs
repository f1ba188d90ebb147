using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s.Models;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Tests.Informers;
using Modelship.Kubernetes.Watch;

namespace Modelship.Kubernetes.Tests.Watch;

public sealed class MergedListWatchTests
{
    [Fact]
    public async Task The_first_event_is_one_snapshot_of_every_namespace_and_changes_that_came_before_it_follow_it()
    {
        var a = Channel.CreateUnbounded<ListWatchEvent<V1ConfigMap>>();
        var b = Channel.CreateUnbounded<ListWatchEvent<V1ConfigMap>>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var merged = MergedListWatch.MergeAsync([Source(a), Source(b)], stop.Token).GetAsyncEnumerator(stop.Token);

        await a.Writer.WriteAsync(Snapshot("a", "1", TestObjects.ConfigMap("a", "x")));
        await a.Writer.WriteAsync(Change(TestObjects.ConfigMap("a", "y")));
        var first = merged.MoveNextAsync().AsTask();
        await b.Writer.WriteAsync(Snapshot("b", "5", TestObjects.ConfigMap("b", "z")));

        (await first).Should().BeTrue();
        merged.Current.Type.Should().Be(ListWatchEventType.Snapshot);
        merged.Current.Namespace.Should().BeNull();
        merged.Current.Items.Select(i => i.Metadata.Name).Should().BeEquivalentTo(["x", "z"], "the merged stream is synced only when every namespace has listed");
        (await merged.MoveNextAsync()).Should().BeTrue();
        merged.Current.Object!.Metadata.Name.Should().Be("y");

        await b.Writer.WriteAsync(Snapshot("b", "9"));
        (await merged.MoveNextAsync()).Should().BeTrue();
        merged.Current.Should().Match<ListWatchEvent<V1ConfigMap>>(e => e.Type == ListWatchEventType.Snapshot && e.Namespace == "b" && e.Items.Count == 0);
    }

    [Fact]
    public async Task A_failing_stream_ends_the_merged_stream_with_its_error()
    {
        var a = Channel.CreateUnbounded<ListWatchEvent<V1ConfigMap>>();
        var b = Channel.CreateUnbounded<ListWatchEvent<V1ConfigMap>>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        b.Writer.Complete(new InvalidOperationException("forbidden"));
        var read = async () =>
        {
            await foreach (var _ in MergedListWatch.MergeAsync([Source(a), Source(b)], stop.Token))
            {
            }
        };

        await read.Should().ThrowAsync<InvalidOperationException>().WithMessage("forbidden");
    }

    private static Func<CancellationToken, IAsyncEnumerable<ListWatchEvent<V1ConfigMap>>> Source(Channel<ListWatchEvent<V1ConfigMap>> channel) =>
        ct => Read(channel, ct);

    private static async IAsyncEnumerable<ListWatchEvent<V1ConfigMap>> Read(Channel<ListWatchEvent<V1ConfigMap>> channel, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var e in channel.Reader.ReadAllAsync(ct))
        {
            yield return e;
        }
    }

    private static ListWatchEvent<V1ConfigMap> Snapshot(string ns, string resourceVersion, params V1ConfigMap[] items) =>
        new(ListWatchEventType.Snapshot, null, items, resourceVersion, ns);

    private static ListWatchEvent<V1ConfigMap> Change(V1ConfigMap obj) => new(ListWatchEventType.Added, obj, [], obj.Metadata.ResourceVersion!);
}
