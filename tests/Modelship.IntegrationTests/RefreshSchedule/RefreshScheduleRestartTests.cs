using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>
/// The operator stops and starts again (a new informer cache, work queue and reconciler, the clock going on from where
/// the stopped one was): what the schedule needs survives in status, missed runs follow CronJob's rules with
/// startingDeadlineSeconds (300 s here), and a run cut off between the target's patch and its status write is
/// recorded by the next operator as the promotion it was.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class RefreshScheduleRestartTests(SharedClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly VersionDirectory _models = new();

    public void Dispose() => _models.Dispose();

    [Fact]
    public async Task Down_past_the_starting_deadline_the_missed_run_is_skipped_and_the_next_one_runs()
    {
        var (ns, first) = await CreateAndStopAsync("refresh-missed");

        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, ns, clockStart: first.AddMinutes(10));
        var skipped = await op.RunForAsync("iris-hourly", first, Wait);
        skipped.LastRun!.Result.Should().Be(RefreshRunResult.Skipped);
        var berlin = TimeZoneInfo.ConvertTime(first, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        skipped.LastRun.Message.Should().Be($"the run scheduled for {berlin:O} was missed by more than startingDeadlineSeconds (300 s)", "in the schedule's time zone");
        skipped.NextScheduleTime.Should().Be(first.AddHours(1));
        (await op.ModelDeployments.GetAsync(ns, "iris")).Spec.Model.Version.Should().Be("1.0.0");

        await op.MoveClockPastAndReconcileAsync("iris-hourly", first.AddHours(1), Wait);
        var promoted = await op.RunForAsync("iris-hourly", first.AddHours(1), Wait);
        promoted.LastRun!.Result.Should().Be(RefreshRunResult.Promoted, promoted.LastRun.Message);
        promoted.History!.Select(r => r.Result).Should().Equal(RefreshRunResult.Promoted, RefreshRunResult.Skipped);
    }

    [Fact]
    public async Task Down_for_hours_only_the_latest_due_time_runs_when_it_is_within_the_deadline()
    {
        var (ns, first) = await CreateAndStopAsync("refresh-catchup");

        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, ns, clockStart: first.AddHours(2).AddMinutes(1));
        var status = await op.RunForAsync("iris-hourly", first.AddHours(2), Wait);

        status.LastRun!.Result.Should().Be(RefreshRunResult.Promoted, status.LastRun.Message);
        status.History.Should().ContainSingle("the times missed before it are not run");
        status.LastScheduleTime.Should().Be(first.AddHours(2));
        status.NextScheduleTime.Should().Be(first.AddHours(3));
        (await op.ModelDeployments.GetAsync(ns, "iris")).Spec.Model.Version.Should().Be("1.1.0");
    }

    [Fact]
    public async Task A_run_stopped_after_promoting_and_before_its_status_write_is_recorded_as_promoted_after_a_restart()
    {
        var ns = await fixture.Cluster.CreateNamespaceAsync("refresh-interrupted");
        DateTimeOffset first, stoppedAt;
        await using (var op = await CreateAsync(ns))
        {
            first = await op.NextScheduleTimeAsync("iris-hourly", Wait);
            op.StatusWrites.Hold();
            await op.MoveClockPastAndTouchAsync("iris-hourly", first);
            await Eventually.HoldsAsync(async () => (await op.ModelDeployments.GetAsync(ns, "iris")).Spec.Model.Version == "1.1.0" && op.StatusWrites.Held > 0, Wait,
                "the target is patched and the run's status write held");
            stoppedAt = op.Clock.GetUtcNow();
        }
        using (var admin = fixture.Cluster.AdminClient(new KubernetesClientOptions { SerializerOptions = ModelshipApiJsonContext.KubernetesClientOptions }))
        {
            (await admin.For<Api.V1Alpha1.RefreshSchedule>().GetAsync(ns, "iris-hourly")).Status!.LastRun.Should().BeNull("the run's status write never left");
        }

        await using var restarted = await RefreshScheduleOperator.StartAsync(fixture.Cluster, ns, clockStart: stoppedAt);
        var status = await restarted.RunForAsync("iris-hourly", first, Wait);

        status.LastRun!.Result.Should().Be(RefreshRunResult.Promoted, status.LastRun.Message);
        status.LastRun.Version.Should().Be("1.1.0");
        status.Promoted.Should().BeEquivalentTo(new { Version = "1.1.0", Metrics = new Dictionary<string, double> { ["accuracy"] = 0.92 } },
            "the promoted version's metrics are the baseline of the next check");

        // So a worse version is compared with 1.1.0's accuracy, not waved through without a baseline.
        _models.Add("1.2.0", accuracy: 0.50);
        await restarted.MoveClockPastAndReconcileAsync("iris-hourly", first.AddHours(1), Wait);
        var rejected = await restarted.RunForAsync("iris-hourly", first.AddHours(1), Wait);
        rejected.LastRun!.Result.Should().Be(RefreshRunResult.Rejected, rejected.LastRun.Message);
    }

    /// <summary>The target at 1.0.0, 1.1.0 in the directory and an hourly schedule; returns the operator running it.</summary>
    private async Task<RefreshScheduleOperator> CreateAsync(string ns)
    {
        var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, ns);
        await op.ModelDeployments.CreateAsync(RefreshScheduleSpecs.Target(ns, "1.0.0", new Uri(_models.Add("1.0.0", accuracy: 0.90)).AbsoluteUri));
        _models.Add("1.1.0", accuracy: 0.92);
        await op.Schedules.CreateAsync(RefreshScheduleSpecs.Hourly(ns, "iris-hourly", RefreshScheduleSpecs.Directory(_models.Path)));
        return op;
    }

    /// <summary>Creates everything with an operator that stops before the first scheduled time; returns that time.</summary>
    private async Task<(string Namespace, DateTimeOffset First)> CreateAndStopAsync(string prefix)
    {
        var ns = await fixture.Cluster.CreateNamespaceAsync(prefix);
        await using var op = await CreateAsync(ns);
        return (ns, await op.NextScheduleTimeAsync("iris-hourly", Wait));
    }
}
