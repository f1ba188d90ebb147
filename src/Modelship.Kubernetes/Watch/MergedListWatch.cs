using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Watch;

/// <summary>
/// Several list-watch streams (one per watched namespace) as one, so an informer of a namespaced install caches
/// exactly the namespaces it may read. The first event is one snapshot of all of them, sent once each has listed
/// (so "synced" means every namespace); changes follow as they come; a later relist of one stream stays a
/// snapshot of its namespace only (<see cref="ListWatchEvent{T}.Namespace"/>). A stream that fails ends the merged
/// stream with its exception, and the consumer starts over.
/// </summary>
public static class MergedListWatch
{
    public static async IAsyncEnumerable<ListWatchEvent<T>> MergeAsync<T>(
        IReadOnlyList<Func<CancellationToken, IAsyncEnumerable<ListWatchEvent<T>>>> sources,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfZero(sources.Count);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateUnbounded<(int Source, ListWatchEvent<T> Event)>(new UnboundedChannelOptions { SingleReader = true });
        var pumps = sources.Select((source, index) => PumpAsync(source, index, channel.Writer, stop.Token)).ToArray();
        try
        {
            var firstSnapshots = new ListWatchEvent<T>?[sources.Count];
            var held = new List<ListWatchEvent<T>>();
            var unlisted = sources.Count;
            await foreach (var (source, change) in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                if (unlisted == 0)
                {
                    yield return change;
                    continue;
                }

                if (firstSnapshots[source] is not null)
                {
                    held.Add(change);
                    continue;
                }

                firstSnapshots[source] = change;
                if (--unlisted > 0)
                {
                    continue;
                }

                yield return Combined(firstSnapshots!);
                foreach (var later in held)
                {
                    yield return later;
                }

                held.Clear();
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pumps).ConfigureAwait(false);
        }
    }

    private static ListWatchEvent<T> Combined<T>(ListWatchEvent<T>[] snapshots)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(ListWatchEventType.Snapshot, null, [.. snapshots.SelectMany(s => s.Items)], string.Join(',', snapshots.Select(s => s.ResourceVersion)));

    private static async Task PumpAsync<T>(
        Func<CancellationToken, IAsyncEnumerable<ListWatchEvent<T>>> source,
        int index,
        ChannelWriter<(int, ListWatchEvent<T>)> writer,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            await foreach (var change in source(cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync((index, change), cancellationToken).ConfigureAwait(false);
            }

            writer.TryComplete(new InvalidOperationException($"list-watch stream {index} ended"));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }
}
