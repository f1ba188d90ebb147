using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json.Nodes;
using Modelship.Api.Serialization;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Watch;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.IntegrationTests.Watch;

/// <summary>
/// A watch of a custom resource with required fields goes on through its bookmarks (which carry only
/// metadata.resourceVersion). kube-apiserver sends one 2 s before a watch's timeout, so 5 s watches get one each;
/// the watcher's log says why any connection ended.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class BookmarkTests(SharedClusterFixture fixture) : NamespacedTest(fixture.Cluster, "bookmarks")
{
    [Fact]
    public async Task A_modeldeployment_watch_runs_through_several_bookmarks_without_a_failed_reconnect()
    {
        using var client = fixture.Cluster.AdminClient(new KubernetesClientOptions { SerializerOptions = ModelshipApiJsonContext.KubernetesClientOptions });
        await ModelDeploymentCrd.InstallAsync(client);
        using var meter = new Meter($"it-bookmarks-{Guid.NewGuid():N}");
        using var counts = new WatchCounts(meter);
        using var stop = new CancellationTokenSource();
        var watcher = new ListWatcher<MD>(client.For<MD>(), TestNamespace, new ListWatcherOptions { WatchTimeout = TimeSpan.FromSeconds(5), Metrics = new WatchMetrics(meter) }, Log);
        var watching = Task.Run(async () =>
        {
            await foreach (var e in watcher.WatchAsync(stop.Token))
            {
            }
        });
        // kube-apiserver's watch cache sends a watch a bookmark only for a resourceVersion newer than the watch's: keep
        // changing a ModelDeployment of another namespace, whose events this namespace's watch does not get.
        await client.For<MD>().CreateAsync(ModelDeploymentSpecs.Iris(TestNamespace));
        var elsewhere = await fixture.Cluster.CreateNamespaceAsync("bookmarks-ticker");
        await client.For<MD>().CreateAsync(ModelDeploymentSpecs.Iris(elsewhere));
        var ticking = Task.Run(async () =>
        {
            for (var tick = 0; !stop.IsCancellationRequested; tick++)
            {
                await client.For<MD>().MergePatchAsync(elsewhere, "iris", new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["tick"] = tick.ToString(CultureInfo.InvariantCulture) } } });
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        });
        try
        {
            // kube-apiserver may send a watch more than one bookmark before its timeout: wait for both signals.
            await Eventually.HoldsAsync(
                () => Task.FromResult((counts.Bookmarks >= 3 && counts.Reconnects("ended") >= 2) || watching.IsCompleted),
                TimeSpan.FromSeconds(30),
                "three bookmarks arrive over at least three watches");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} (so far {counts.Bookmarks}; reconnects: ended {counts.Reconnects("ended")}, failed {counts.Reconnects("failed")}) {string.Join(" | ", Log.Lines)}", e);
        }
        await stop.CancelAsync();
        await ticking;
        await FluentActions.Awaiting(() => watching).Should().ThrowAsync<OperationCanceledException>();

        counts.Bookmarks.Should().BeGreaterThanOrEqualTo(3);
        counts.Reconnects("failed").Should().Be(0, "a bookmark must not break the watch");
        counts.Reconnects("ended").Should().BeGreaterThanOrEqualTo(2, "each watch ended at its timeout and was opened again ({0} bookmarks; {1})", counts.Bookmarks, string.Join(" | ", Log.Lines));
    }

    private static readonly ListLogger Log = new();

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }

    private sealed class WatchCounts : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _reconnects = [];
        private long _bookmarks;

        public WatchCounts(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == meter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                lock (_reconnects)
                {
                    if (instrument.Name == WatchMetrics.BookmarksName)
                    {
                        _bookmarks += value;
                        return;
                    }
                    foreach (var tag in tags)
                    {
                        if (tag.Key == "reason")
                        {
                            _reconnects[(string)tag.Value!] = _reconnects.GetValueOrDefault((string)tag.Value!) + value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public long Bookmarks
        {
            get
            {
                lock (_reconnects)
                {
                    return _bookmarks;
                }
            }
        }

        public long Reconnects(string reason)
        {
            lock (_reconnects)
            {
                return _reconnects.GetValueOrDefault(reason);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
