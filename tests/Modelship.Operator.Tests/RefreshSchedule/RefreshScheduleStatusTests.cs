using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Events;
using Modelship.Operator.Controllers.RefreshSchedule;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;
using TransitionEvent = Modelship.Operator.Controllers.ModelDeployment.TransitionEvent;

namespace Modelship.Operator.Tests.RefreshSchedule;

public class RefreshScheduleStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 10, TimeSpan.Zero);
    private static readonly DateTimeOffset Next = new(2026, 12, 8, 3, 0, 0, TimeSpan.Zero);

    private static Schedule Object(RefreshScheduleStatus? status = null, int? successLimit = null, int? failureLimit = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "iris-nightly", NamespaceProperty = "ml", Generation = 4 },
        Spec = new RefreshScheduleSpec
        {
            Schedule = "0 3 * * *",
            Target = new RefreshTarget { ModelDeployment = "iris" },
            Source = new RefreshSource { Directory = new DirectoryVersionSourceSpec { Path = "/models" } },
            SuccessfulRunsHistoryLimit = successLimit,
            FailedRunsHistoryLimit = failureLimit,
        },
        Status = status,
    };

    private static RefreshRun Run(RefreshRunResult result, int minute = 0) => new()
    {
        ScheduledTime = new DateTimeOffset(2026, 12, 1, 3, minute, 0, TimeSpan.Zero),
        StartedAt = new DateTimeOffset(2026, 12, 1, 3, minute, 1, TimeSpan.Zero),
        Result = result,
        Version = "1.1.0",
        Message = result.ToString(),
    };

    [Fact]
    public void A_run_updates_times_version_history_and_conditions()
    {
        var run = Run(RefreshRunResult.Promoted) with { ScheduledTime = Now.AddSeconds(-10) };
        var promoted = new RefreshPromotedVersion { Version = "1.1.0", Uri = "file:///m/1.1.0", PromotedAt = Now };
        var status = RefreshScheduleStatusBuilder.Build(Object(), new ScheduleDecision(ScheduleAction.Run, Now.AddSeconds(-10), Next), run, promoted, null, Now);
        status.ObservedGeneration.Should().Be(4);
        status.LastScheduleTime.Should().Be(Now.AddSeconds(-10));
        status.NextScheduleTime.Should().Be(Next);
        status.LastResolvedVersion.Should().Be("1.1.0");
        status.Promoted.Should().Be(promoted);
        status.LastRun.Should().Be(run);
        status.History.Should().Equal(run);
        ConditionList.Find(status.Conditions, ConditionTypes.Ready).Should().BeEquivalentTo(new { Status = ConditionStatus.True, Reason = "Scheduled", Message = "the next run is due at 2026-12-08T03:00:00Z" });
        ConditionList.Find(status.Conditions, ConditionTypes.Suspended)!.Status.Should().Be(ConditionStatus.False);
        ConditionList.Find(status.Conditions, ConditionTypes.Degraded)!.Status.Should().Be(ConditionStatus.False);
    }

    [Fact]
    public void A_failed_run_is_degraded_and_keeps_the_promoted_version()
    {
        var promoted = new RefreshPromotedVersion { Version = "1.0.0", Uri = "file:///m/1.0.0", PromotedAt = Now.AddDays(-1) };
        var run = Run(RefreshRunResult.Failed) with { Message = "the source failed (NotFound): directory /models does not exist" };
        var status = RefreshScheduleStatusBuilder.Build(Object(new RefreshScheduleStatus { Promoted = promoted }), new ScheduleDecision(ScheduleAction.Run, Now, Next), run, null, null, Now);
        status.Promoted.Should().Be(promoted);
        ConditionList.Find(status.Conditions, ConditionTypes.Degraded).Should().BeEquivalentTo(new { Status = ConditionStatus.True, Reason = "LastRunFailed", run.Message });
    }

    [Fact]
    public void History_keeps_the_newest_runs_within_each_limit()
    {
        var earlier = new[]
        {
            Run(RefreshRunResult.NoNewVersion, 5), Run(RefreshRunResult.Rejected, 4), Run(RefreshRunResult.Promoted, 3),
            Run(RefreshRunResult.Failed, 2), Run(RefreshRunResult.Skipped, 1),
        };
        var newest = Run(RefreshRunResult.Promoted, 6);
        var kept = RefreshScheduleStatusBuilder.History(newest, earlier, Object(successLimit: 2, failureLimit: 1).Spec);
        kept.Should().Equal(newest, earlier[0], earlier[1]);
        // The defaults: 3 successful, 1 failed.
        RefreshScheduleStatusBuilder.History(newest, earlier, Object().Spec).Should().Equal(newest, earlier[0], earlier[1], earlier[2]);
        RefreshScheduleStatusBuilder.History(Run(RefreshRunResult.Failed), [], Object(failureLimit: 0).Spec).Should().BeEmpty();
    }

    [Fact]
    public void Suspended_is_not_ready_and_has_no_next_time()
    {
        var status = RefreshScheduleStatusBuilder.Build(Object(new RefreshScheduleStatus { NextScheduleTime = Next }), new ScheduleDecision(ScheduleAction.Suspended, null, null), null, null, null, Now);
        status.NextScheduleTime.Should().BeNull();
        ConditionList.Find(status.Conditions, ConditionTypes.Ready).Should().BeEquivalentTo(new { Status = ConditionStatus.False, Reason = ConditionReasons.SuspendedBySpec });
        ConditionList.Find(status.Conditions, ConditionTypes.Suspended)!.Status.Should().Be(ConditionStatus.True);
    }

    [Fact]
    public void Invalid_keeps_the_runs_and_says_why()
    {
        var run = Run(RefreshRunResult.Promoted);
        var status = RefreshScheduleStatusBuilder.Invalid(Object(new RefreshScheduleStatus { LastRun = run, History = [run], NextScheduleTime = Next }), "spec.schedule: is required", Now);
        status.LastRun.Should().Be(run);
        status.NextScheduleTime.Should().BeNull();
        ConditionList.Find(status.Conditions, ConditionTypes.Ready).Should().BeEquivalentTo(new { Status = ConditionStatus.False, Reason = ConditionReasons.InvalidSpec, Message = "spec.schedule: is required" });
    }

    [Fact]
    public void Each_run_records_one_event_and_invalid_specs_one_per_message()
    {
        var before = new RefreshScheduleStatus { LastRun = Run(RefreshRunResult.Promoted, 1) };
        RefreshScheduleTransitions.Events(before, before with { }).Should().BeEmpty();
        RefreshScheduleTransitions.Events(before, before with { LastRun = Run(RefreshRunResult.Rejected, 2) })
            .Should().Equal(new TransitionEvent(EventType.Warning, "PromotionRejected", "Rejected"));
        RefreshScheduleTransitions.Events(before, before with { LastRun = Run(RefreshRunResult.Promoted, 2) })
            .Should().Equal(new TransitionEvent(EventType.Normal, "ModelPromoted", "Promoted"));
        RefreshScheduleTransitions.Events(before, before with { LastRun = Run(RefreshRunResult.Failed, 2) }).Single().Reason.Should().Be("RefreshFailed");
        RefreshScheduleTransitions.Events(before, before with { LastRun = Run(RefreshRunResult.Skipped, 2) }).Single().Reason.Should().Be("RunSkipped");
        RefreshScheduleTransitions.Events(before, before with { LastRun = Run(RefreshRunResult.NoNewVersion, 2) }).Should().BeEmpty();

        var invalid = RefreshScheduleStatusBuilder.Invalid(Object(), "spec.timeZone: bad", Now);
        RefreshScheduleTransitions.Events(null, invalid).Should().Equal(new TransitionEvent(EventType.Warning, ConditionReasons.InvalidSpec, "spec.timeZone: bad"));
        RefreshScheduleTransitions.Events(invalid, invalid).Should().BeEmpty();
    }

    [Fact]
    public void The_target_patch_changes_only_the_model_and_the_replacement_reason()
    {
        var patch = TargetModelPatch.Build(new ModelSpec { Uri = "file:///m/1.1.0", Version = "1.1.0" });
        patch.ToJsonString().Should().Be("""{"spec":{"model":{"uri":"file:///m/1.1.0","version":"1.1.0","sha256":null},"replacement":{"reason":"SCHEDULED_REFRESH"}}}""");
    }
}
