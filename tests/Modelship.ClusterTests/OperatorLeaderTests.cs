using System.Diagnostics;
using Modelship.ClusterTests.Support;
using Xunit.Abstractions;

namespace Modelship.ClusterTests;

/// <summary>Scenario 1: the operator as the chart installs it (two replicas), its leader Lease and a takeover.</summary>
public sealed class OperatorLeaderTests(ITestOutputHelper output)
{
    private const string Lease = "modelship-operator";
    private static readonly TimeSpan TakeoverLimit = TimeSpan.FromSeconds(17);

    [ClusterFact]
    public async Task The_operator_is_Ready_holds_the_Lease_and_a_second_replica_takes_over_within_17_s_when_the_leader_Pod_is_deleted()
    {
        var kubectl = ClusterEnvironment.Kubectl;
        const string ns = ClusterEnvironment.OperatorNamespace;
        await kubectl.RunAsync("rollout", "status", "deployment/modelship", "-n", ns, "--timeout=180s");
        var pods = await Pods.ListAsync(kubectl, ns, "app.kubernetes.io/name=modelship");
        pods.Where(p => p.Ready).Should().HaveCountGreaterThanOrEqualTo(2, "the chart runs two operator replicas here");

        var leader = await Eventually.ReturnsAsync(async () => await HolderPodAsync(kubectl) is { } holder && pods.Any(p => p.Name == holder) ? holder : null,
            TimeSpan.FromSeconds(60), "one of the operator Pods holds the Lease");
        output.WriteLine($"leader: {leader}");

        var stopwatch = Stopwatch.StartNew();
        await kubectl.RunAsync("delete", "pod", leader, "-n", ns, "--wait=false");
        var successor = await Eventually.ReturnsAsync(async () => await HolderPodAsync(kubectl) is { } holder && holder != leader ? holder : null,
            TakeoverLimit, $"another operator Pod takes the Lease from {leader}");
        var takeover = stopwatch.Elapsed;
        // The leader releases the Lease on SIGTERM, so the standby (retrying every 2 s) and the leader's replacement
        // Pod (asking at its start) race for it: either is a takeover. Without the release it takes up to 15 s + 2 s.
        var who = pods.Any(p => p.Name == successor) ? "the standby" : "the leader's replacement Pod";
        output.WriteLine($"takeover: {successor} ({who}) holds the Lease {takeover.TotalSeconds:0.0} s after {leader} was deleted");
        takeover.Should().BeLessThan(TakeoverLimit);

        // Leave the operator as it was for the next scenario.
        await kubectl.RunAsync("rollout", "status", "deployment/modelship", "-n", ns, "--timeout=180s");
    }

    /// <summary>The Pod named by the Lease's holder identity (&lt;pod name&gt;_&lt;suffix&gt;).</summary>
    private static async Task<string?> HolderPodAsync(Kubectl kubectl)
    {
        var lease = await kubectl.TryGetJsonAsync("lease", Lease, "-n", ClusterEnvironment.OperatorNamespace);
        var holder = (string?)lease?["spec"]?["holderIdentity"];
        return string.IsNullOrEmpty(holder) ? null : holder.Split('_')[0];
    }
}
