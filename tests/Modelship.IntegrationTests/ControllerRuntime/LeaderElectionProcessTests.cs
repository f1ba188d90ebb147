using System.Diagnostics;
using k8s.Models;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Diagnostics;
using Xunit.Abstractions;

namespace Modelship.IntegrationTests.ControllerRuntime;

/// <summary>
/// Real <c>modelship operator</c> processes on one Lease (5 s lease, 4 s renew deadline, 0.5 s retry), running the
/// ConfigMap echo controller, which writes the identity of the process that reconciled an object into it. Leadership is
/// observed from outside, as an operator's user observes it: the Lease, the annotations and each process's
/// <c>modelship_leader</c> gauge and <c>modelship_reconcile_total</c> counters.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class LeaderElectionProcessTests(SharedClusterFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    internal const string LeaseName = "it-operator";

    // Short, but with a renew deadline that a leader meets on this 2-core machine while other builds run beside the
    // tests (load average above 20): with 2 s, a fresh process's first renewals were seen to time out.
    internal static readonly LeaseTimings Timings = new(
        LeaseDuration: TimeSpan.FromSeconds(5), RenewDeadline: TimeSpan.FromSeconds(4), RetryPeriod: TimeSpan.FromSeconds(0.5));

    // Beyond the election's own bound: the round trips of the successor's last attempt (a GET and a PUT of the Lease),
    // timers that fire late on a loaded machine (up to ~0.8 s seen here at load average 24) and, for the reconcile,
    // the watch event, the reconcile's PATCH and this test's 50 ms polling.
    internal static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);

    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly KubernetesClient _client = fixture.Cluster.AdminClient();
    private readonly List<OperatorProcess> _processes = [];
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await fixture.Cluster.CreateNamespaceAsync("leader");

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        foreach (var process in _processes)
        {
            output.WriteLine($"--- {process} ---\n{process.Output}");
        }

        try
        {
            await _client.For<V1Lease>().DeleteAsync(_ns, LeaseName);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
        }

        await _client.For<V1Namespace>().DeleteAsync(null, _ns);
        _client.Dispose();
    }

    [Fact]
    public async Task Of_two_operator_processes_only_the_leader_reconciles_and_the_follower_reports_modelship_leader_0()
    {
        var (leader, follower) = await StartLeaderAndFollowerAsync("first", "second");

        for (var i = 0; i < 5; i++)
        {
            await CreateEchoAsync($"cm-{i}", "1");
        }

        for (var i = 0; i < 5; i++)
        {
            await SetVersionAsync($"cm-{i}", "2");
        }

        for (var i = 0; i < 5; i++)
        {
            await WaitUntilEchoedAsync($"cm-{i}", "2", leader.Identity, Patience);
        }

        // Long enough for a follower that wrongly reconciled to show up in its own counters.
        await Task.Delay(Timings.LeaseDuration);
        (await follower.LeaderGaugeAsync(LeaseName)).Should().Be(0);
        (await follower.ReconcileCountAsync(ConfigMapEchoController.Name)).Should().Be(0, "the follower reconciles nothing");
        (await leader.LeaderGaugeAsync(LeaseName)).Should().Be(1);
        (await leader.ReconcileCountAsync(ConfigMapEchoController.Name)).Should().BeGreaterThanOrEqualTo(10);
        (await LeaseAsync()).Spec!.HolderIdentity.Should().Be(leader.Identity);
        foreach (var configMap in (await _client.For<V1ConfigMap>().ListAsync(_ns)).Items)
        {
            configMap.Metadata.Annotations![ConfigMapEchoController.ReconciledByAnnotation].Should().Be(leader.Identity);
        }
    }

    [Fact]
    public async Task After_the_leader_process_is_killed_with_SIGKILL_the_other_leads_and_reconciles_within_lease_duration_plus_one_retry_period()
    {
        var (leader, successor) = await StartLeaderAndFollowerAsync("crashing", "successor");
        await CreateEchoAsync("before", "1");
        await WaitUntilEchoedAsync("before", "1", leader.Identity, Patience);

        var killedAt = DateTimeOffset.UtcNow;
        var sinceKill = Stopwatch.StartNew();
        await leader.KillAsync();
        await CreateEchoAsync("after-kill", "1");
        await WaitUntilEchoedAsync("after-kill", "1", successor.Identity, Patience);
        var reconciled = sinceKill.Elapsed;

        var lease = await LeaseAsync();
        lease.Spec!.HolderIdentity.Should().Be(successor.Identity);
        var takeover = lease.Spec.AcquireTime!.Value - killedAt;
        output.WriteLine($"SIGKILL: the successor acquired the lease after {takeover.TotalSeconds:F3} s and reconciled after {reconciled.TotalSeconds:F3} s");

        var bound = Timings.LeaseDuration + Timings.RetryPeriod;
        takeover.Should().BeGreaterThan(Timings.LeaseDuration - Timings.RetryPeriod, "a killed leader does not release: the successor waits for the lease to expire");
        takeover.Should().BeLessThan(bound + Slack);
        reconciled.Should().BeLessThan(bound + Slack);
        (await successor.LeaderGaugeAsync(LeaseName)).Should().Be(1);
        successor.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task After_the_leader_process_gets_SIGTERM_it_releases_the_lease_exits_0_and_the_other_leads_within_3_seconds()
    {
        var (leader, successor) = await StartLeaderAndFollowerAsync("leaving", "successor");

        var terminatedAt = DateTimeOffset.UtcNow;
        var sinceTerm = Stopwatch.StartNew();
        await leader.TerminateAsync();
        await Eventually.HoldsAsync(async () => (await LeaseAsync()).Spec?.HolderIdentity == successor.Identity, Patience, "the successor leads");
        var observed = sinceTerm.Elapsed;

        var takeover = (await LeaseAsync()).Spec!.AcquireTime!.Value - terminatedAt;
        output.WriteLine($"SIGTERM: the successor acquired the lease after {takeover.TotalSeconds:F3} s (seen by polling after {observed.TotalSeconds:F3} s)");
        takeover.Should().BeLessThan(TimeSpan.FromSeconds(3));
        (await leader.WaitForExitAsync(Patience)).Should().Be(0);
        leader.Output.Should().Contain($"Released lease {_ns}/{LeaseName}");

        await CreateEchoAsync("after-term", "1");
        await WaitUntilEchoedAsync("after-term", "1", successor.Identity, Patience);
        (await successor.LeaderGaugeAsync(LeaseName)).Should().Be(1);
    }

    [Fact]
    public async Task A_leader_process_whose_lease_is_taken_exits_with_code_1_and_logs_that_it_lost_leadership()
    {
        var leader = Start("deposed");
        await leader.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(async () => await leader.LeaderGaugeAsync(LeaseName) == 1, Patience, "the process leads");

        // Another candidate with a long lease takes over, as after a partition in which this leader could not renew.
        var takenAt = Stopwatch.StartNew();
        await TakeLeaseAsync("usurper", TimeSpan.FromSeconds(60));
        var exitCode = await leader.WaitForExitAsync(Patience);
        var exited = takenAt.Elapsed;
        output.WriteLine($"lost lease: the process exited {exited.TotalSeconds:F3} s after the lease was taken");

        exitCode.Should().Be(1);
        leader.Output.Should().Contain($"Leadership of lease {_ns}/{LeaseName} lost (the lease is now held by usurper); stopping the operator");
        exited.Should().BeLessThan(Timings.RenewDeadline + Slack, "the next renewal, one retry period later, sees the new holder");
        (await LeaseAsync()).Spec!.HolderIdentity.Should().Be("usurper", "the deposed leader neither overwrites nor releases the lease");
    }

    private OperatorProcess Start(string identity)
    {
        var process = OperatorProcess.Start(fixture.Cluster.KubeconfigPath, _ns, LeaseName, $"{identity}-{Guid.NewGuid().ToString("N")[..6]}", Timings);
        _processes.Add(process);
        return process;
    }

    /// <summary>Starts the leader, waits until it leads, then a follower, and waits until the follower has warm caches and has seen the leader.</summary>
    private async Task<(OperatorProcess Leader, OperatorProcess Follower)> StartLeaderAndFollowerAsync(string leaderName, string followerName)
    {
        var leader = Start(leaderName);
        await leader.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(async () => await leader.LeaderGaugeAsync(LeaseName) == 1, Patience, $"{leader} leads");
        var follower = Start(followerName);
        await follower.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(
            () => Task.FromResult(follower.Output.Contains($"Lease {_ns}/{LeaseName} is held by {leader.Identity}", StringComparison.Ordinal)),
            Patience,
            $"{follower} sees the leader");
        (await follower.LeaderGaugeAsync(LeaseName)).Should().Be(0);
        return (leader, follower);
    }

    private Task<V1ConfigMap> CreateEchoAsync(string name, string version) =>
        _client.For<V1ConfigMap>().CreateAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = _ns,
                Labels = new Dictionary<string, string> { [ConfigMapEchoController.SelectorLabel] = "true" },
            },
            Data = new Dictionary<string, string> { [ConfigMapEchoController.VersionKey] = version },
        });

    private Task<V1ConfigMap> SetVersionAsync(string name, string version) =>
        _client.For<V1ConfigMap>().MergePatchAsync(_ns, name, new System.Text.Json.Nodes.JsonObject
        {
            ["data"] = new System.Text.Json.Nodes.JsonObject { [ConfigMapEchoController.VersionKey] = version },
        });

    /// <summary>Waits until the echo annotations say <paramref name="identity"/> reconciled <paramref name="version"/> of the object.</summary>
    private Task WaitUntilEchoedAsync(string name, string version, string identity, TimeSpan timeout) =>
        Eventually.HoldsAsync(
            async () =>
            {
                var metadata = (await _client.For<V1ConfigMap>().GetAsync(_ns, name)).Metadata;
                return metadata.Annotation(ConfigMapEchoController.ObservedVersionAnnotation) == version
                    && metadata.Annotation(ConfigMapEchoController.ReconciledByAnnotation) == identity;
            },
            timeout,
            $"{identity} reconciles version {version} of {name}");

    /// <summary>Writes the Lease as another holder would, retrying when the leader's renewal wrote in between.</summary>
    private async Task TakeLeaseAsync(string holder, TimeSpan duration)
    {
        var leases = _client.For<V1Lease>();
        while (true)
        {
            var lease = await leases.GetAsync(_ns, LeaseName);
            var now = DateTimeOffset.UtcNow;
            lease.Spec = new V1LeaseSpec
            {
                HolderIdentity = holder,
                LeaseDurationSeconds = (int)duration.TotalSeconds,
                AcquireTime = now.UtcDateTime,
                RenewTime = now.UtcDateTime,
                LeaseTransitions = (lease.Spec?.LeaseTransitions ?? 0) + 1,
            };
            try
            {
                await leases.ReplaceAsync(lease);
                return;
            }
            catch (KubernetesApiException e) when (e.IsConflict)
            {
            }
        }
    }

    private Task<V1Lease> LeaseAsync() => _client.For<V1Lease>().GetAsync(_ns, LeaseName);
}
