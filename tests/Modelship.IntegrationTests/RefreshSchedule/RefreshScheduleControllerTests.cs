using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>
/// The RefreshSchedule controller against kube-apiserver with a real directory source (real ONNX files from Debian's
/// libonnx-testdata, with metadata.json beside them). The reconciler's clock is moved by the test past the next
/// scheduled time, so an hourly schedule runs in a moment.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class RefreshScheduleControllerTests(SharedClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly VersionDirectory _models = new();

    public void Dispose() => _models.Dispose();

    [Fact]
    public async Task A_new_version_in_the_directory_becomes_the_targets_champion()
    {
        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("refresh-new"));
        var champion = AddVersion("1.0.0", accuracy: 0.90);
        await CreateTargetAsync(op, "1.0.0", champion);
        var target = await op.ModelDeployments.GetAsync(op.Namespace, "iris");
        await op.Schedules.CreateAsync(Hourly(op.Namespace, "iris-hourly"));
        var next = await NextScheduleTimeAsync(op, "iris-hourly");
        var candidate = AddVersion("1.1.0", accuracy: 0.93);

        await op.MoveClockPastAndReconcileAsync("iris-hourly", next, Wait);

        var status = await Eventually.ReturnsAsync(async () => (await op.GetAsync("iris-hourly")).Status is { LastRun: not null } s ? s : null, Wait, "the run is recorded");
        status.LastRun!.Result.Should().Be(RefreshRunResult.Promoted, status.LastRun.Message);
        status.LastRun.Version.Should().Be("1.1.0");
        status.LastRun.ScheduledTime.Should().Be(next);
        status.LastRun.Checks.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "accuracy", Candidate = 0.93, Verdict = RefreshCheckVerdict.NoBaseline });
        status.LastScheduleTime.Should().Be(next);
        status.NextScheduleTime.Should().Be(next.AddHours(1));
        status.LastResolvedVersion.Should().Be("1.1.0");
        status.Promoted!.Metrics.Should().BeEquivalentTo(new Dictionary<string, double> { ["accuracy"] = 0.93 });
        status.History.Should().ContainSingle();

        var promoted = await op.ModelDeployments.GetAsync(op.Namespace, "iris");
        promoted.Spec.Model.Version.Should().Be("1.1.0");
        promoted.Spec.Model.Uri.Should().Be(new Uri(candidate).AbsoluteUri);
        promoted.Spec.Model.Sha256.Should().BeNull("the directory's metadata.json names no digest, and the old one must not stay");
        promoted.Spec.Replacement!.Reason.Should().Be(ReplacementReason.ScheduledRefresh);
        promoted.Spec.Replicas.Should().Be(target.Spec.Replicas, "fields the refresh does not own are left alone");
        promoted.Spec.Runtime.Should().BeEquivalentTo(target.Spec.Runtime);
        promoted.Metadata.ManagedFields!.Should().Contain(f => f.Manager == "modelship-refresh");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris-hourly")).Any(e => e.Reason == "ModelPromoted" && e.Type == "Normal"), Wait, "a ModelPromoted Event");

        // The next run finds nothing newer.
        await op.MoveClockPastAndReconcileAsync("iris-hourly", next.AddHours(1), Wait);
        var again = await Eventually.ReturnsAsync(async () => (await op.GetAsync("iris-hourly")).Status is { LastRun.Result: RefreshRunResult.NoNewVersion } s ? s : null, Wait, "a NoNewVersion run");
        again.LastRun!.Message.Should().Be("version 1.1.0 is already the champion");
        again.History!.Select(r => r.Result).Should().Equal(RefreshRunResult.NoNewVersion, RefreshRunResult.Promoted);
    }

    [Fact]
    public async Task The_modeldeployment_controller_rolls_the_promoted_version_out_and_records_a_scheduled_refresh()
    {
        var ns = await fixture.Cluster.CreateNamespaceAsync("refresh-rollout");
        await using var deployments = await ModelDeploymentOperator.StartAsync(fixture.Cluster, ns);
        var routerPod = await ModelDeploymentControllerTests.ActivateV1Async(deployments);
        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, ns);
        AddVersion("v2", accuracy: 0.95);
        var schedule = Hourly(ns, "iris-hourly");
        schedule.Spec = schedule.Spec with { Selection = new RefreshSelection { Strategy = RefreshSelectionStrategy.Newest } };
        await op.Schedules.CreateAsync(schedule);
        await op.MoveClockPastAndReconcileAsync("iris-hourly", await NextScheduleTimeAsync(op, "iris-hourly"), Wait);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris-hourly")).Status?.LastRun?.Result == RefreshRunResult.Promoted, Wait, "v2 promoted");

        await Eventually.HoldsAsync(async () => await deployments.Deployments.GetOrNullAsync(ns, "iris-v2") is not null, Wait, "the v2 model server created");
        await deployments.MarkAvailableAsync("iris-v2");
        await Eventually.HoldsAsync(async () => (await deployments.RoutingTableAsync("iris"))?.Champion?.Version == "v2", Wait, "the table routes to v2");
        await deployments.AcknowledgeAsync(routerPod, (await deployments.RoutingTableAsync("iris"))!.Generation);
        await Eventually.HoldsAsync(async () => (await deployments.GetAsync("iris")).Status?.ActiveModel?.Version == "v2", Wait, "v2 is the active model");
        var history = (await deployments.GetAsync("iris")).Status!.History!;
        history.Select(h => (h.Version, h.Outcome)).Should().Equal(("v2", HistoryOutcome.Active), ("v1", HistoryOutcome.Replaced));
        history[0].Reason.Should().Be(ReplacementReason.ScheduledRefresh);
    }

    [Fact]
    public async Task A_worse_candidate_is_rejected_and_the_champion_stays()
    {
        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("refresh-worse"));
        await CreateTargetAsync(op, "0.9.0", AddVersion("0.9.0", accuracy: 0.85));
        AddVersion("1.0.0", accuracy: 0.90);
        await op.Schedules.CreateAsync(Hourly(op.Namespace, "iris-hourly"));
        var first = await NextScheduleTimeAsync(op, "iris-hourly");
        await op.MoveClockPastAndReconcileAsync("iris-hourly", first, Wait);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris-hourly")).Status?.Promoted?.Version == "1.0.0", Wait, "1.0.0 promoted, its accuracy recorded");
        var champion = await op.ModelDeployments.GetAsync(op.Namespace, "iris");

        // 0.80 is 0.10 below the champion's 0.90; at most 0.01 is allowed.
        AddVersion("1.1.0", accuracy: 0.80);
        await op.MoveClockPastAndReconcileAsync("iris-hourly", first.AddHours(1), Wait);

        var status = await Eventually.ReturnsAsync(async () => (await op.GetAsync("iris-hourly")).Status is { LastRun.Result: RefreshRunResult.Rejected } s ? s : null, Wait, "a Rejected run");
        status.LastRun!.Version.Should().Be("1.1.0");
        status.LastRun.Checks.Should().ContainSingle().Which.Should().BeEquivalentTo(new RefreshCheckResult
        {
            Name = "accuracy",
            Champion = 0.90,
            Candidate = 0.80,
            Verdict = RefreshCheckVerdict.Failed,
            Message = "accuracy: 0.8 vs champion 0.9, regression 0.1 exceeds the allowed 0.01",
        });
        status.LastRun.Message.Should().StartWith("version 1.1.0 rejected, the champion 1.0.0 stays");
        status.Promoted!.Version.Should().Be("1.0.0");
        var after = await op.ModelDeployments.GetAsync(op.Namespace, "iris");
        after.Spec.Model.Should().Be(champion.Spec.Model);
        after.Metadata.Generation.Should().Be(champion.Metadata.Generation, "a rejected candidate does not touch the target");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris-hourly")).Any(e => e.Reason == "PromotionRejected" && e.Type == "Warning" && e.Message!.Contains("regression 0.1 exceeds", StringComparison.Ordinal)), Wait, "a PromotionRejected Event");
    }

    [Fact]
    public async Task A_suspended_schedule_runs_nothing()
    {
        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("refresh-suspend"));
        await CreateTargetAsync(op, "1.0.0", AddVersion("1.0.0", accuracy: 0.9));
        AddVersion("1.1.0", accuracy: 0.95);
        var suspended = Hourly(op.Namespace, "iris-hourly");
        suspended.Spec = suspended.Spec with { Suspend = true };
        await op.Schedules.CreateAsync(suspended);
        await Eventually.HoldsAsync(async () => ConditionList.IsTrue((await op.GetAsync("iris-hourly")).Status?.Conditions, ConditionTypes.Suspended), Wait, "Suspended=True");

        // Two hours later (by the reconciler's clock), seen by a reconcile that ran to its end.
        await op.MoveClockPastAndReconcileAsync("iris-hourly", op.Clock.GetUtcNow().AddHours(2), Wait);

        var status = (await op.GetAsync("iris-hourly")).Status!;
        status.LastRun.Should().BeNull();
        status.LastScheduleTime.Should().BeNull();
        status.NextScheduleTime.Should().BeNull();
        ConditionList.Find(status.Conditions, ConditionTypes.Ready).Should().BeEquivalentTo(new { Status = ConditionStatus.False, Reason = ConditionReasons.SuspendedBySpec });
        (await op.ModelDeployments.GetAsync(op.Namespace, "iris")).Spec.Model.Version.Should().Be("1.0.0");
    }

    public static TheoryData<string, string> InvalidSpecs => new()
    {
        { "bad cron", "spec.schedule: \"every hour\" is not a cron expression" },
        { "unknown time zone", "spec.timeZone: \"Mars/Olympus\" is not a known IANA time zone" },
        { "two sources", "spec.source: sets directory and http; set exactly one of directory, http, mlflow or s3" },
        { "unknown target", "spec.target.modelDeployment: ModelDeployment \"nope\" does not exist in this namespace" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public async Task An_invalid_spec_is_reported_with_a_condition_and_an_event(string name, string message)
    {
        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("refresh-invalid"));
        await CreateTargetAsync(op, "1.0.0", AddVersion("1.0.0", accuracy: 0.9));
        var schedule = Hourly(op.Namespace, "broken");
        schedule.Spec = name switch
        {
            "bad cron" => schedule.Spec with { Schedule = "every hour" },
            "unknown time zone" => schedule.Spec with { TimeZone = "Mars/Olympus" },
            "two sources" => schedule.Spec with { Source = schedule.Spec.Source! with { Http = new HttpIndexVersionSourceSpec { Url = "http://127.0.0.1:9/index.json" } } },
            _ => schedule.Spec with { Target = new RefreshTarget { ModelDeployment = "nope" } },
        };
        await op.Schedules.CreateAsync(schedule);

        var ready = await Eventually.ReturnsAsync(async () => ConditionList.Find((await op.GetAsync("broken")).Status?.Conditions, ConditionTypes.Ready), Wait, "a Ready condition");
        ready.Status.Should().Be(ConditionStatus.False);
        ready.Reason.Should().Be(ConditionReasons.InvalidSpec);
        ready.Message.Should().Contain(message);
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("broken")).Any(e => e.Reason == ConditionReasons.InvalidSpec && e.Type == "Warning" && e.Message!.Contains(message, StringComparison.Ordinal)), Wait, "an InvalidSpec Event");
        (await op.GetAsync("broken")).Status!.NextScheduleTime.Should().BeNull();
    }

    private string AddVersion(string version, double accuracy) => _models.Add(version, accuracy);

    private static Task CreateTargetAsync(RefreshScheduleOperator op, string version, string folder) =>
        op.ModelDeployments.CreateAsync(RefreshScheduleSpecs.Target(op.Namespace, version, new Uri(folder).AbsoluteUri));

    private Schedule Hourly(string ns, string name) => RefreshScheduleSpecs.Hourly(ns, name, RefreshScheduleSpecs.Directory(_models.Path));

    private static Task<DateTimeOffset> NextScheduleTimeAsync(RefreshScheduleOperator op, string name) => op.NextScheduleTimeAsync(name, Wait);
}
