using System.Diagnostics;
using k8s.Models;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;

namespace Modelship.IntegrationTests.ControllerRuntime;

[Collection(SharedClusterCollection.Name)]
public sealed class ControllerConcurrencyTests(SharedClusterFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Work = TimeSpan.FromSeconds(1);
    private readonly KubernetesClient _client = fixture.Cluster.AdminClient();
    private readonly CancellationTokenSource _stop = new();
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await fixture.Cluster.CreateNamespaceAsync("ctrl");

    public Task DisposeAsync()
    {
        _stop.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_key_has_one_worker_at_a_time_and_rapid_updates_coalesce_into_few_reconciles_of_the_latest_state()
    {
        await using var informers = new SharedInformerFactory(_client, new SharedInformerFactoryOptions { Namespaces = [_ns] });
        var log = new ReconcileLog();
        using var controller = ControllerBuilder.For<V1ConfigMap>()
            .Named("it-concurrency")
            .WithMaxConcurrentReconciles(4)
            .Build(informers, log.Reconciler(informers.For<V1ConfigMap>().Cache, work: Work));
        informers.Start(_stop.Token);
        var run = controller.RunAsync(_stop.Token);

        foreach (var name in new[] { "a", "b", "c" })
        {
            await ConfigMaps.CreateAsync(_client, _ns, name, "0");
        }

        await Eventually.HoldsAsync(() => Task.FromResult(log.Of("a").Any()), TimeSpan.FromSeconds(30), "the first reconcile of a");
        var updating = Stopwatch.StartNew();
        for (var version = 1; version <= 20; version++)
        {
            await ConfigMaps.SetVersionAsync(_client, _ns, "a", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        updating.Stop();
        await Eventually.HoldsAsync(() => Task.FromResult(log.LastSeenVersion("a") == "20"), TimeSpan.FromSeconds(30), "a reconcile of a at v=20");
        await Task.Delay(Work * 2);
        await _stop.CancelAsync();
        await run;

        log.MaxConcurrentReconcilesOfOneKey.Should().Be(1, "a key is never reconciled by two workers at once");
        log.MaxConcurrentReconciles.Should().BeGreaterThan(1, "different keys are reconciled in parallel");
        // While one reconcile runs (Work), any number of updates add up to one more pass.
        var passesWhileUpdating = (int)Math.Ceiling(updating.Elapsed / Work);
        log.Of("a").Count().Should().BeLessThanOrEqualTo(2 + passesWhileUpdating,
            $"20 updates in {updating.ElapsedMilliseconds} ms coalesce into at most one pass per running reconcile");
        log.Of("b").Should().ContainSingle();
    }
}
