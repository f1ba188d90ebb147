using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Watch;

/// <summary>
/// List, then watch from the list's resourceVersion, for as long as the consumer enumerates.
/// <list type="bullet">
/// <item>The first event is a <see cref="ListWatchEventType.Snapshot"/> of all items; changes follow in order.</item>
/// <item>The latest resourceVersion (bookmarks included) is tracked; a closed, failed or silent connection is
/// reopened from it, so no event is lost and nothing is listed again.</item>
/// <item>Only 410 Gone (on connect or as an ERROR event) triggers a relist, delivered as a new Snapshot.</item>
/// <item>Failures (API server down, 403, ...) are retried forever with capped exponential backoff until cancelled.</item>
/// </list>
/// Nothing runs until <see cref="WatchAsync"/> is enumerated.
/// </summary>
public sealed class ListWatcher<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ResourceClient<T> _client;
    private readonly string? _namespace;
    private readonly ListWatcherOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly string _resourceName;
    private readonly string _metricsResource;
    private readonly WatchMetrics _metrics;

    public ListWatcher(
        ResourceClient<T> client, string? ns, ListWatcherOptions? options = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _namespace = ns;
        _options = options ?? new ListWatcherOptions();
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _resourceName = ns is null ? client.Resource.ToString() : $"{client.Resource} in {ns}";
        _metricsResource = client.Resource.ToString();
        _metrics = _options.Metrics;
        _metrics.DeclareSeries(_metricsResource);
    }

    /// <summary>The resourceVersion the next watch connection resumes from; null before the first list.</summary>
    public string? ResourceVersion { get; private set; }

    public async IAsyncEnumerable<ListWatchEvent<T>> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var backoff = new ExponentialBackoff(_options.InitialBackoff, _options.MaxBackoff, _options.BackoffJitter);
        ResourceVersion = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ResourceVersion is null)
            {
                var list = await ListUntilSuccessAsync(backoff, cancellationToken).ConfigureAwait(false);
                ResourceVersion = list.Metadata.ResourceVersion ?? "";
                ListWatcherLog.Listed(_logger, list.Items.Count, _resourceName, ResourceVersion);
                yield return new ListWatchEvent<T>(ListWatchEventType.Snapshot, null, [.. list.Items], ResourceVersion, _namespace);
            }

            var outcome = WatchOutcome.Ended;
            Exception? failure = null;
            var received = 0;
            using var connection = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _timeProvider);
            using var cancellation = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), connection);
            var events = _client.WatchAsync(_namespace, WatchOptionsFrom(ResourceVersion), connection.Token).GetAsyncEnumerator(connection.Token);
            try
            {
                while (true)
                {
                    // The idle clock runs only while waiting for the server, not while the consumer handles an event.
                    connection.CancelAfter(_options.IdleTimeout);
                    (var hasNext, failure) = await MoveNextAsync(events, cancellationToken).ConfigureAwait(false);
                    connection.CancelAfter(Timeout.InfiniteTimeSpan);
                    if (!hasNext)
                    {
                        outcome = failure switch
                        {
                            null => WatchOutcome.Ended,
                            KubernetesApiException api when api.IsGone => WatchOutcome.Gone,
                            OperationCanceledException => WatchOutcome.Idle,
                            _ => WatchOutcome.Failed,
                        };
                        break;
                    }

                    received++;
                    var watchEvent = events.Current;
                    if (watchEvent.Type == WatchEventType.Error)
                    {
                        outcome = watchEvent.IsGone ? WatchOutcome.Gone : WatchOutcome.Failed;
                        failure = KubernetesApiErrors.FromWatchStatus(watchEvent.ErrorStatus ?? new V1Status());
                        break;
                    }

                    if (watchEvent.ResourceVersion is { Length: > 0 } version)
                    {
                        ResourceVersion = version;
                    }

                    if (watchEvent.Type == WatchEventType.Bookmark)
                    {
                        _metrics.Bookmark(_metricsResource);
                        continue;
                    }

                    if (watchEvent.Object is null)
                    {
                        continue;
                    }

                    backoff.Reset();
                    yield return new ListWatchEvent<T>(ToChangeType(watchEvent.Type), watchEvent.Object, [], ResourceVersion);
                }
            }
            finally
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }

            await AfterConnectionAsync(outcome, failure, received, backoff, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AfterConnectionAsync(
        WatchOutcome outcome, Exception? failure, int received, ExponentialBackoff backoff, CancellationToken cancellationToken)
    {
        _metrics.Reconnect(_metricsResource, outcome.ToString().ToLowerInvariant());
        switch (outcome)
        {
            case WatchOutcome.Gone:
                ListWatcherLog.Relisting(_logger, _resourceName, ResourceVersion ?? "");
                ResourceVersion = null;
                if (received <= 1)
                {
                    // Gone straight after a fresh list means the server cannot serve that version yet; don't spin.
                    await Task.Delay(backoff.Next(), _timeProvider, cancellationToken).ConfigureAwait(false);
                }

                break;
            case WatchOutcome.Idle:
                ListWatcherLog.WatchIdle(_logger, _resourceName, _options.IdleTimeout, ResourceVersion ?? "");
                break;
            case WatchOutcome.Failed:
                var delay = backoff.Next();
                ListWatcherLog.WatchFailed(_logger, _resourceName, ResourceVersion ?? "", delay.TotalMilliseconds, failure?.Message ?? "");
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                break;
            default:
                ListWatcherLog.WatchEnded(_logger, _resourceName, received, ResourceVersion ?? "");
                if (received == 0)
                {
                    // A server or proxy that closes watches at once would otherwise be hammered in a tight loop.
                    await Task.Delay(backoff.Next(), _timeProvider, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    private async Task<KubernetesList<T>> ListUntilSuccessAsync(ExponentialBackoff backoff, CancellationToken cancellationToken)
    {
        var options = new ListOptions { LabelSelector = _options.LabelSelector, FieldSelector = _options.FieldSelector };
        while (true)
        {
            try
            {
                var list = await _client.ListAllAsync(_namespace, options, _options.ListPageSize, cancellationToken).ConfigureAwait(false);
                backoff.Reset();
                return list;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var delay = backoff.Next();
                ListWatcherLog.ListFailed(_logger, _resourceName, delay.TotalMilliseconds, ex.Message);
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<(bool HasNext, Exception? Failure)> MoveNextAsync(
        IAsyncEnumerator<WatchEvent<T>> events, CancellationToken cancellationToken)
    {
        try
        {
            return (await events.MoveNextAsync().ConfigureAwait(false), null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Includes the idle timeout (OperationCanceledException from the per-connection token).
            return (false, ex);
        }
    }

    private WatchOptions WatchOptionsFrom(string resourceVersion) => new()
    {
        ResourceVersion = resourceVersion,
        LabelSelector = _options.LabelSelector,
        FieldSelector = _options.FieldSelector,
        AllowWatchBookmarks = true,
        TimeoutSeconds = (int)Math.Max(1, _options.WatchTimeout.TotalSeconds),
    };

    private static ListWatchEventType ToChangeType(WatchEventType type) => type switch
    {
        WatchEventType.Added => ListWatchEventType.Added,
        WatchEventType.Modified => ListWatchEventType.Modified,
        WatchEventType.Deleted => ListWatchEventType.Deleted,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a change event."),
    };

    private enum WatchOutcome
    {
        Ended,
        Idle,
        Gone,
        Failed,
    }
}
