using System.Diagnostics;
using Modelship.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Modelship.IntegrationTests.ControllerRuntime;

/// <summary>
/// A leading <c>modelship operator</c> process whose API server goes away: it cannot renew, and must stop rather than
/// go on reconciling while another replica may already lead. On a cluster of its own, since the API server is killed
/// (the whole cluster, Lease and namespace included, goes with the fixture).
/// </summary>
public sealed class LeaderProcessWithoutApiServerTests(IsolatedClusterFixture fixture, ITestOutputHelper output)
    : IClassFixture<IsolatedClusterFixture>, IAsyncLifetime
{
    private OperatorProcess? _process;
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await fixture.Cluster.CreateNamespaceAsync("leader-lost");

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            output.WriteLine($"--- {_process} ---\n{_process.Output}");
        }
    }

    [Fact]
    public async Task A_leader_process_that_cannot_renew_within_the_renew_deadline_exits_with_code_1_and_logs_that_it_lost_leadership()
    {
        var timings = LeaderElectionProcessTests.Timings;
        var leaseName = LeaderElectionProcessTests.LeaseName;
        _process = OperatorProcess.Start(fixture.Cluster.KubeconfigPath, _ns, leaseName, "unreachable", timings);
        await _process.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(async () => await _process.LeaderGaugeAsync(leaseName) == 1, LeaderElectionProcessTests.Patience, "the process leads");

        var sinceKill = Stopwatch.StartNew();
        await fixture.Cluster.KillApiServerAsync();
        var exitCode = await _process.WaitForExitAsync(LeaderElectionProcessTests.Patience);
        var exited = sinceKill.Elapsed;
        output.WriteLine($"API server gone: the process exited {exited.TotalSeconds:F3} s after it was killed");

        exitCode.Should().Be(1);
        _process.Output.Should().Contain(
            $"Leadership of lease {_ns}/{leaseName} lost (could not renew within the renew deadline of {timings.RenewDeadline.TotalSeconds} s); stopping the operator");
        var slack = LeaderElectionProcessTests.Slack;
        exited.Should().BeGreaterThan(timings.RenewDeadline - timings.RetryPeriod - slack, "it keeps retrying until the renew deadline, not only once");
        exited.Should().BeLessThan(timings.RenewDeadline + slack, "it gives up once the renew deadline has passed since its last renewal");
    }
}
