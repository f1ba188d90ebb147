using System.Diagnostics;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Hosting;

namespace Modelship.IntegrationTests.ControllerRuntime;

/// <summary>Two operator hosts on one Lease (3 s lease, 2 s renew deadline, 0.5 s retry).</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class LeaderElectionTests(SharedClusterFixture fixture) : IAsyncLifetime
{
    // Time for the HTTP round trips of an attempt and for this test's polling, on a busy 2-core machine.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(0.5);
    private readonly KubernetesClient _client = fixture.Cluster.AdminClient();
    private readonly ReconcileLog _log = new();
    private readonly List<(OperatorHost Host, CancellationTokenSource Stop, Task<int> Run)> _hosts = [];
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await fixture.Cluster.CreateNamespaceAsync("leader");

    public async Task DisposeAsync()
    {
        foreach (var (host, stop, run) in _hosts)
        {
            await stop.CancelAsync();
            await run;
            await host.DisposeAsync();
            stop.Dispose();
        }

        _client.Dispose();
    }

    [Fact]
    public async Task Only_the_leader_reconciles()
    {
        var first = await StartAsync("first");
        await Eventually.HoldsAsync(() => Task.FromResult(first.Host.IsLeader), TimeSpan.FromSeconds(30), "first leads");
        var second = await StartAsync("second");
        await Eventually.HoldsAsync(() => Task.FromResult(second.Host.Informers.HasSynced), TimeSpan.FromSeconds(30), "second's caches sync");

        for (var i = 0; i < 5; i++)
        {
            await ConfigMaps.CreateAsync(_client, _ns, $"cm-{i}", "1");
        }

        await Eventually.HoldsAsync(() => Task.FromResult(_log.Calls.Select(c => c.Key.Name).Distinct().Count() == 5), TimeSpan.FromSeconds(30), "all reconciled");
        await Task.Delay(OperatorHosts.LeaseDuration);

        _log.Calls.Select(c => c.Identity).Distinct().Should().Equal("first");
        second.Host.IsLeader.Should().BeFalse();
        (await LeaseAsync()).Spec!.HolderIdentity.Should().Be("first");
    }

    [Fact]
    public async Task After_the_leader_dies_without_releasing_the_other_leads_within_lease_duration_plus_one_retry_period()
    {
        var leader = await StartAsync("crashing", releaseLeaseOnStop: false);
        await Eventually.HoldsAsync(() => Task.FromResult(leader.Host.IsLeader), TimeSpan.FromSeconds(30), "the first host leads");
        var successor = await StartAsync("successor");
        await Task.Delay(OperatorHosts.LeaseDuration);
        successor.Host.IsLeader.Should().BeFalse();

        // Stopping without releasing: renewals end and the lease stays as it was, exactly as after a crash.
        await leader.Stop.CancelAsync();
        await leader.Run;
        var stopped = Stopwatch.StartNew();
        (await LeaseAsync()).Spec!.HolderIdentity.Should().Be("crashing");
        await Eventually.HoldsAsync(() => Task.FromResult(successor.Host.IsLeader), TimeSpan.FromSeconds(30), "the successor leads");
        var takeover = stopped.Elapsed;

        takeover.Should().BeLessThan(OperatorHosts.LeaseDuration + OperatorHosts.RetryPeriod + Slack);
        takeover.Should().BeGreaterThan(OperatorHosts.LeaseDuration - OperatorHosts.RetryPeriod - Slack, "the successor waits for the lease to expire");
        (await LeaseAsync()).Spec!.HolderIdentity.Should().Be("successor");

        await ConfigMaps.CreateAsync(_client, _ns, "after-takeover", "1");
        await Eventually.HoldsAsync(() => Task.FromResult(_log.Of("after-takeover").Any(c => c.Identity == "successor")), TimeSpan.FromSeconds(30),
            "the successor reconciles");
    }

    [Fact]
    public async Task After_a_graceful_stop_the_other_leads_within_3_seconds()
    {
        var leader = await StartAsync("leaving");
        await Eventually.HoldsAsync(() => Task.FromResult(leader.Host.IsLeader), TimeSpan.FromSeconds(30), "the first host leads");
        var successor = await StartAsync("successor");
        await Task.Delay(OperatorHosts.LeaseDuration);

        await leader.Stop.CancelAsync();
        var exitCode = await leader.Run;
        var stopped = Stopwatch.StartNew();
        await Eventually.HoldsAsync(() => Task.FromResult(successor.Host.IsLeader), TimeSpan.FromSeconds(30), "the successor leads");

        stopped.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        exitCode.Should().Be(0);
    }

    private async Task<(OperatorHost Host, CancellationTokenSource Stop, Task<int> Run)> StartAsync(string identity, bool releaseLeaseOnStop = true)
    {
        var host = OperatorHosts.Create(fixture.Cluster, _ns, identity, _log, releaseLeaseOnStop);
        var stop = new CancellationTokenSource();
        await host.StartAsync();
        var entry = (host, stop, host.RunAsync(stop.Token));
        _hosts.Add(entry);
        return entry;
    }

    private Task<Lease> LeaseAsync() => _client.For<Lease>().GetAsync(_ns, "it-operator");
}
