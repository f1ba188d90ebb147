using System.Text.Json.Nodes;
using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>
/// concurrencyPolicy (a run while the target still rolls out a version) and spec.suspend switched on and off, against
/// kube-apiserver with a directory source. The target's rollout is its status.pendingModel, written by the test as the
/// ModelDeployment controller would.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class RefreshScheduleRunPolicyTests(SharedClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly VersionDirectory _models = new();

    public void Dispose() => _models.Dispose();

    [Fact]
    public async Task Forbid_skips_a_run_while_the_target_rolls_out_and_runs_again_once_it_is_done()
    {
        await using var op = await StartWithTargetAsync("refresh-forbid");
        await op.Schedules.CreateAsync(Hourly(op.Namespace, RefreshConcurrencyPolicy.Forbid));
        var first = await op.NextScheduleTimeAsync("iris-hourly", Wait);
        var before = await op.ModelDeployments.GetAsync(op.Namespace, "iris");
        await SetPendingModelAsync(op, JsonNode.Parse("""{"version":"1.0.1","uri":"file:///models/1.0.1"}"""));
        await op.CachedTargetAsync("iris", md => md.Status?.PendingModel is not null, Wait);

        var skipped = await RunAsync(op, first);

        skipped.LastRun!.Result.Should().Be(RefreshRunResult.Skipped);
        skipped.LastRun.Message.Should().Be("ModelDeployment iris is still rolling out version 1.0.1; concurrencyPolicy Forbid skips this run");
        skipped.LastScheduleTime.Should().Be(first, "a skipped run is not run later");
        (await op.ModelDeployments.GetAsync(op.Namespace, "iris")).Metadata.Generation.Should().Be(before.Metadata.Generation, "the rollout is left alone");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris-hourly")).Any(e => e.Reason == "RunSkipped" && e.Type == "Warning"), Wait, "a RunSkipped Event");

        await SetPendingModelAsync(op, null);
        await op.CachedTargetAsync("iris", md => md.Status?.PendingModel is null, Wait);
        var promoted = await RunAsync(op, first.AddHours(1));
        promoted.LastRun!.Result.Should().Be(RefreshRunResult.Promoted, promoted.LastRun.Message);
        promoted.History!.Select(r => r.Result).Should().Equal(RefreshRunResult.Promoted, RefreshRunResult.Skipped);
        (await op.ModelDeployments.GetAsync(op.Namespace, "iris")).Spec.Model.Version.Should().Be("1.1.0");
    }

    [Fact]
    public async Task Replace_promotes_the_candidate_over_the_version_rolling_out()
    {
        await using var op = await StartWithTargetAsync("refresh-replace");
        await op.Schedules.CreateAsync(Hourly(op.Namespace, RefreshConcurrencyPolicy.Replace));
        var first = await op.NextScheduleTimeAsync("iris-hourly", Wait);
        await SetPendingModelAsync(op, JsonNode.Parse("""{"version":"1.0.1","uri":"file:///models/1.0.1"}"""));
        await op.CachedTargetAsync("iris", md => md.Status?.PendingModel is not null, Wait);

        var status = await RunAsync(op, first);

        status.LastRun!.Result.Should().Be(RefreshRunResult.Promoted, status.LastRun.Message);
        var target = await op.ModelDeployments.GetAsync(op.Namespace, "iris");
        target.Spec.Model.Version.Should().Be("1.1.0");
        target.Spec.Replacement!.Reason.Should().Be(ReplacementReason.ScheduledRefresh);
    }

    [Fact]
    public async Task Suspending_stops_runs_and_resuming_runs_a_due_time_within_the_deadline_or_skips_an_older_one()
    {
        await using var op = await StartWithTargetAsync("refresh-toggle");
        await op.Schedules.CreateAsync(Hourly(op.Namespace, RefreshConcurrencyPolicy.Forbid));
        var first = await op.NextScheduleTimeAsync("iris-hourly", Wait);

        await SetSuspendAsync(op, true, first);
        var suspended = (await op.GetAsync("iris-hourly")).Status!;
        suspended.LastRun.Should().BeNull("no run while suspended, though its time has come");
        suspended.NextScheduleTime.Should().BeNull();

        // Resumed a moment after the due time (within startingDeadlineSeconds, 300 s): that time runs.
        await SetSuspendAsync(op, false, first);
        var resumed = await op.RunForAsync("iris-hourly", first, Wait);
        resumed.LastRun!.Result.Should().Be(RefreshRunResult.Promoted, resumed.LastRun.Message);
        ConditionList.Find(resumed.Conditions, ConditionTypes.Ready).Should().BeEquivalentTo(new { Status = ConditionStatus.True, Reason = "Scheduled" });
        ConditionList.IsTrue(resumed.Conditions, ConditionTypes.Suspended).Should().BeFalse();

        // Suspended across the next time and resumed 10 minutes after it: too late, recorded as Skipped.
        _models.Add("1.2.0", accuracy: 0.95);
        var late = first.AddHours(1).AddMinutes(10);
        await SetSuspendAsync(op, true, late);
        await SetSuspendAsync(op, false, late);
        var skipped = await op.RunForAsync("iris-hourly", first.AddHours(1), Wait);
        skipped.LastRun!.Result.Should().Be(RefreshRunResult.Skipped);
        skipped.LastRun.Message.Should().Contain("missed by more than startingDeadlineSeconds (300 s)");
        skipped.NextScheduleTime.Should().Be(first.AddHours(2));
        (await op.ModelDeployments.GetAsync(op.Namespace, "iris")).Spec.Model.Version.Should().Be("1.1.0");
    }

    /// <summary>Champion 1.0.0 and candidate 1.1.0 in the directory, the target at 1.0.0.</summary>
    private async Task<RefreshScheduleOperator> StartWithTargetAsync(string prefix)
    {
        var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync(prefix));
        await op.ModelDeployments.CreateAsync(RefreshScheduleSpecs.Target(op.Namespace, "1.0.0", new Uri(_models.Add("1.0.0", accuracy: 0.90)).AbsoluteUri));
        _models.Add("1.1.0", accuracy: 0.92);
        return op;
    }

    private Api.V1Alpha1.RefreshSchedule Hourly(string ns, RefreshConcurrencyPolicy policy)
    {
        var schedule = RefreshScheduleSpecs.Hourly(ns, "iris-hourly", RefreshScheduleSpecs.Directory(_models.Path));
        schedule.Spec = schedule.Spec with { ConcurrencyPolicy = policy };
        return schedule;
    }

    private static async Task SetPendingModelAsync(RefreshScheduleOperator op, JsonNode? pending) =>
        await op.ModelDeployments.MergePatchStatusAsync(op.Namespace, "iris", new JsonObject { ["status"] = new JsonObject { ["pendingModel"] = pending } });

    /// <summary>Sets spec.suspend, moves the clock to just after <paramref name="time"/>, and waits until a reconcile saw both.</summary>
    private static async Task SetSuspendAsync(RefreshScheduleOperator op, bool suspend, DateTimeOffset time)
    {
        var patched = await op.Schedules.MergePatchAsync(op.Namespace, "iris-hourly", new JsonObject { ["spec"] = new JsonObject { ["suspend"] = suspend } });
        // Else a reconcile of an older version (our own status write's event) could see the moved clock unsuspended.
        await op.CachedScheduleAsync("iris-hourly", s => s.Metadata.Generation >= patched.Metadata.Generation, Wait);
        await op.MoveClockPastAndReconcileAsync("iris-hourly", time, Wait);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris-hourly")).Status is { } s && s.ObservedGeneration >= patched.Metadata.Generation
            && ConditionList.IsTrue(s.Conditions, ConditionTypes.Suspended) == suspend, Wait, $"suspend {suspend} observed");
    }

    private static async Task<RefreshScheduleStatus> RunAsync(RefreshScheduleOperator op, DateTimeOffset scheduledTime)
    {
        await op.MoveClockPastAndReconcileAsync("iris-hourly", scheduledTime, Wait);
        return await op.RunForAsync("iris-hourly", scheduledTime, Wait);
    }
}
