using System.Net;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Events;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Hosting;

namespace Modelship.IntegrationTests.ControllerRuntime;

[Collection(SharedClusterCollection.Name)]
public sealed class OperatorHostTests(SharedClusterFixture fixture) : IAsyncLifetime
{
    private readonly KubernetesClient _client = fixture.Cluster.AdminClient();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await fixture.Cluster.CreateNamespaceAsync("host");

    public Task DisposeAsync()
    {
        _http.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_running_host_is_healthy_ready_after_sync_and_exposes_the_controller_series()
    {
        var log = new ReconcileLog();
        await using var host = OperatorHosts.Create(fixture.Cluster, _ns, "metrics-host", log);
        using var stop = new CancellationTokenSource();
        await host.StartAsync();
        var run = host.RunAsync(stop.Token);

        (await _http.GetStringAsync(new Uri(host.HealthAddress, "/healthz"))).Should().Be("ok");
        await Eventually.HoldsAsync(async () => (await _http.GetAsync(new Uri(host.HealthAddress, "/readyz"))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), "/readyz answers 200 once the caches synced");
        await ConfigMaps.CreateAsync(_client, _ns, "scraped", "1");
        await Eventually.HoldsAsync(() => Task.FromResult(log.Of("scraped").Any()), TimeSpan.FromSeconds(30), "the reconcile");

        var metrics = await _http.GetStringAsync(new Uri(host.MetricsAddress, "/metrics"));

        metrics.Should().MatchRegex("""modelship_reconcile_total\{controller="it-recording",result="success"\} [1-9]""");
        metrics.Should().Contain("""modelship_reconcile_total{controller="it-recording",result="error"} 0""");
        metrics.Should().Contain("""modelship_reconcile_errors_total{controller="it-recording"}""");
        metrics.Should().Contain("modelship_reconcile_time_seconds_bucket{controller=\"it-recording\"");
        metrics.Should().Contain("modelship_workqueue_depth{name=\"it-recording\"}");
        metrics.Should().Contain("modelship_workqueue_adds_total{name=\"it-recording\"}");
        metrics.Should().Contain("modelship_workqueue_queue_duration_seconds_bucket{name=\"it-recording\"");
        metrics.Should().Contain("modelship_leader{lease=\"it-operator\"} 1");

        await stop.CancelAsync();
        (await run).Should().Be(0);
    }

    [Fact]
    public async Task A_controller_whose_caches_never_sync_stops_the_host_with_exit_code_1()
    {
        var missingKind = new ResourceType("nothing.modelship.dev", "v1", "Nothing", "nothings", Namespaced: true);
        await using var host = new OperatorHost(
            KubeconfigLoader.LoadFile(fixture.Cluster.KubeconfigPath),
            new OperatorOptions
            {
                MetricsEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
                HealthEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
                LeaderElection = false,
                WatchNamespaces = [_ns],
            },
            [context => ControllerBuilder.For<GenericObject>(missingKind)
                .WithCacheSyncTimeout(TimeSpan.FromSeconds(2))
                .Build(context.Informers, (_, _) => Task.FromResult(ReconcileResult.Done))],
            logging => logging.SetMinimumLevel(LogLevel.Critical));

        var exitCode = await host.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        exitCode.Should().Be(1);
    }

    [Fact]
    public async Task The_same_event_recorded_twice_is_one_event_with_count_2()
    {
        var involved = await ConfigMaps.CreateAsync(_client, _ns, "involved", "1");
        using var recorder = new EventRecorder(_client);

        await recorder.RecordAsync(involved, EventType.Warning, "ModelUnavailable", "model v2 cannot be fetched");
        await recorder.RecordAsync(involved, EventType.Warning, "ModelUnavailable", "model v2 cannot be fetched");
        await recorder.RecordAsync(involved, EventType.Normal, "Reconciled", "all good");

        var events = (await _client.For<Corev1Event>().ListAsync(_ns)).Items;
        var warning = events.Should().ContainSingle(e => e.Reason == "ModelUnavailable").Subject;
        warning.Count.Should().Be(2);
        warning.Type.Should().Be("Warning");
        warning.Source!.Component.Should().Be("modelship");
        warning.InvolvedObject!.Uid.Should().Be(involved.Metadata.Uid);
        warning.InvolvedObject.Kind.Should().Be("ConfigMap");
        events.Should().ContainSingle(e => e.Reason == "Reconciled").Which.Count.Should().Be(1);
    }
}
