using System.Globalization;
using k8s.Models;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Watch;

namespace Modelship.IntegrationTests.ControllerRuntime;

/// <summary>A controller across kube-apiserver restarts and etcd compaction, on a cluster of its own.</summary>
public sealed class ControllerDisruptionTests(IsolatedClusterFixture fixture) : IClassFixture<IsolatedClusterFixture>, IAsyncLifetime
{
    private static readonly ListWatcherOptions FastRetry = new() { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(500) };
    private readonly KubernetesClient _client = fixture.Cluster.AdminClient(new KubernetesClientOptions { RetryPolicy = KubernetesRetryPolicy.None });
    private readonly CancellationTokenSource _stop = new();
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await fixture.Cluster.CreateNamespaceAsync("ctrl-disrupt");

    public Task DisposeAsync()
    {
        _stop.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task After_a_kube_apiserver_restart_every_object_changed_meanwhile_is_reconciled_at_its_latest_version()
    {
        var names = Enumerable.Range(0, 10).Select(i => $"obj-{i}").ToArray();
        foreach (var name in names)
        {
            await ConfigMaps.CreateAsync(_client, _ns, name, "0");
        }

        await using var informers = new SharedInformerFactory(_client, new SharedInformerFactoryOptions { Namespaces = [_ns], ListWatcherOptions = FastRetry });
        var log = new ReconcileLog();
        using var controller = ControllerBuilder.For<V1ConfigMap>().Named("it-outage").WithMaxConcurrentReconciles(2)
            .Build(informers, log.Reconciler(informers.For<V1ConfigMap>().Cache));
        informers.Start(_stop.Token);
        var run = controller.RunAsync(_stop.Token);
        await Eventually.HoldsAsync(() => Task.FromResult(names.All(n => log.LastSeenVersion(n) == "0")), TimeSpan.FromSeconds(30), "the initial reconciles");

        // Writers keep changing the objects before, during (failing) and after the outage.
        using var stopWriting = new CancellationTokenSource();
        var latest = new Dictionary<string, int>();
        var writer = Task.Run(async () =>
        {
            for (var round = 1; !stopWriting.IsCancellationRequested; round++)
            {
                foreach (var name in names)
                {
                    try
                    {
                        await ConfigMaps.SetVersionAsync(_client, _ns, name, round.ToString(CultureInfo.InvariantCulture));
                        lock (latest)
                        {
                            latest[name] = round;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or KubernetesApiException or TaskCanceledException or TimeoutException)
                    {
                        await Task.Delay(50);
                    }
                }
            }
        });
        await Task.Delay(500);
        await fixture.Cluster.KillApiServerAsync();
        await Task.Delay(1500);
        await fixture.Cluster.StartApiServerAsync();
        await Task.Delay(1000);
        await stopWriting.CancelAsync();
        await writer;

        foreach (var name in names)
        {
            var final = (await _client.For<V1ConfigMap>().GetAsync(_ns, name)).Data!["v"];
            await Eventually.HoldsAsync(() => Task.FromResult(log.LastSeenVersion(name) == final), TimeSpan.FromSeconds(60),
                $"{name} reconciled at its latest version {final} (last seen {log.LastSeenVersion(name)})");
        }

        await _stop.CancelAsync();
        await run;
        log.MaxConcurrentReconcilesOfOneKey.Should().Be(1);
    }

    [Fact]
    public async Task After_410_Gone_the_informer_relists_and_the_controller_sees_the_delete_it_could_not_watch()
    {
        foreach (var name in new[] { "kept", "vanishes", "changed" })
        {
            await ConfigMaps.CreateAsync(_client, _ns, name, "1");
        }

        await using var informers = new SharedInformerFactory(_client, new SharedInformerFactoryOptions { Namespaces = [_ns], ListWatcherOptions = FastRetry });
        var informer = informers.For<V1ConfigMap>();
        var log = new ReconcileLog();
        using var controller = ControllerBuilder.For<V1ConfigMap>().Named("it-relist").Build(informers, log.Reconciler(informer.Cache));
        informers.Start(_stop.Token);
        var run = controller.RunAsync(_stop.Token);
        await Eventually.HoldsAsync(() => Task.FromResult(log.Calls.Count >= 3), TimeSpan.FromSeconds(30), "the initial reconciles");

        // A change right before the outage, then a delete straight in etcd while kube-apiserver is down, and a
        // compaction past the informer's resourceVersion: only a relist can reveal the delete.
        await ConfigMaps.SetVersionAsync(_client, _ns, "changed", "2");
        await fixture.Cluster.KillApiServerAsync();
        await fixture.Cluster.EtcdctlAsync(CancellationToken.None, "del", $"/registry/configmaps/{_ns}/vanishes");
        await fixture.Cluster.EtcdctlAsync(CancellationToken.None, "put", "/modelship-test/bump", "1");
        await fixture.Cluster.CompactEtcdAsync();
        await fixture.Cluster.StartApiServerAsync();
        await ConfigMaps.CreateAsync(_client, _ns, "later", "1");

        await Eventually.HoldsAsync(
            () => Task.FromResult(log.Of("vanishes").Any(c => c.SeenVersion is null)), TimeSpan.FromSeconds(60), "a reconcile of the vanished object");
        await Eventually.HoldsAsync(() => Task.FromResult(log.LastSeenVersion("later") == "1"), TimeSpan.FromSeconds(30), "the object created after the relist");
        await Eventually.HoldsAsync(() => Task.FromResult(log.LastSeenVersion("changed") == "2"), TimeSpan.FromSeconds(30), "the change before the outage");
        informer.Cache.Get(_ns, "vanishes").Should().BeNull();
        informer.Cache.List().Select(c => c.Metadata.Name).Should().BeEquivalentTo(["kept", "changed", "later"]);

        await _stop.CancelAsync();
        await run;
    }
}
