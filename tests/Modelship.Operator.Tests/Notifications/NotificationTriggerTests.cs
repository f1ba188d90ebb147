using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.RefreshSchedule;
using Modelship.Operator.Notifications;

namespace Modelship.Operator.Tests.Notifications;

public sealed class NotificationTriggerTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    private static readonly ModelVersionStatus V1 = new() { Version = "v1", Uri = "https://m/v1.onnx" };
    private static readonly ModelVersionStatus V2 = new() { Version = "v2", Uri = "https://m/v2.onnx" };
    private static readonly ModelHistoryEntry V1Active = new() { Version = "v1", Uri = V1.Uri, Outcome = HistoryOutcome.Active };

    private static Condition Condition(string type, ConditionStatus status, string reason, DateTimeOffset? at = null) =>
        new() { Type = type, Status = status, Reason = reason, Message = $"{type} {status}", LastTransitionTime = at ?? At };

    private static TrafficBackendStatus Champion(string version) => new() { Name = "champion", Version = version, Role = TrafficRole.Champion, Weight = 100 };

    private static readonly ModelDeploymentStatus Serving = new()
    {
        ActiveModel = V1,
        History = [V1Active],
        Traffic = [Champion("v1")],
        Conditions = [Condition(ConditionTypes.Degraded, ConditionStatus.False, ConditionReasons.AsExpected)],
    };

    private static readonly ModelDeploymentStatus Pending = Serving with { PendingModel = V2 };
    private static readonly ModelDeploymentStatus Routed = Pending with { Traffic = [Champion("v2")] };

    private static readonly ModelDeploymentStatus Replaced = Serving with
    {
        ActiveModel = V2,
        History = [new ModelHistoryEntry { Version = "v2", Uri = V2.Uri, Outcome = HistoryOutcome.Active }, V1Active with { Outcome = HistoryOutcome.Replaced }],
        Traffic = [Champion("v2")],
    };

    private static readonly ModelDeploymentStatus Aborted = Serving with
    {
        History = [new ModelHistoryEntry { Version = "v2", Uri = V2.Uri, RetiredAt = At, Outcome = HistoryOutcome.Failed, Message = "RolloutAborted: aborted by user" }, V1Active],
        Conditions = [Condition(ConditionTypes.Degraded, ConditionStatus.True, ConditionReasons.RolloutAborted)],
    };

    [Fact]
    public void A_model_change_starts_when_the_new_version_is_routed_and_succeeds_when_it_becomes_the_champion()
    {
        RolloutNotifications.From(Serving, Pending).Should().BeEmpty("nothing routes to v2 yet");
        RolloutNotifications.From(Pending, Routed).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Event = NotificationEvent.RolloutStarted, Version = "v2", Reason = ConditionReasons.RolloutInProgress });
        RolloutNotifications.From(Routed, Routed).Should().BeEmpty("a status that already shows the transition fires nothing");
        RolloutNotifications.From(Routed, Replaced).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Event = NotificationEvent.RolloutSucceeded, Version = "v2", Reason = ConditionReasons.RolloutComplete, Message = "version v2 replaced v1" });
        RolloutNotifications.From(Replaced, Replaced).Should().BeEmpty();
    }

    [Fact]
    public void A_failed_rollout_is_RolloutAborted_with_the_failure_reason()
    {
        RolloutNotifications.From(Pending, Aborted).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Event = NotificationEvent.RolloutAborted, Version = "v2", Reason = ConditionReasons.RolloutAborted });
        RolloutNotifications.From(Aborted, Aborted).Should().BeEmpty();
    }

    private static readonly IReadOnlyList<NotificationSpec> Listening =
    [
        new() { Name = "drift", Events = [NotificationEvent.Drifting, NotificationEvent.AccuracyDegraded], Webhook = new WebhookSpec { Url = "http://h" } },
        new() { Name = "retrain", Events = [NotificationEvent.ActualsThreshold], ActualsThreshold = 100, Webhook = new WebhookSpec { Url = "http://h" } },
        new() { Name = "retrain-big", Events = [NotificationEvent.ActualsThreshold], ActualsThreshold = 1000, Webhook = new WebhookSpec { Url = "http://h" } },
    ];

    private static ModelDeploymentStatus With(ModelDeploymentStatus status, NotificationStatus? record = null, long? actuals = null, params Condition[] conditions) =>
        status with { Notifications = record, Accuracy = actuals is null ? null : new AccuracyStatus { ActualsReceived = actuals }, Conditions = [.. status.Conditions!, .. conditions] };

    [Fact]
    public void Drifting_fires_once_per_transition_to_true_and_the_record_keeps_it_across_restarts()
    {
        var drifting = With(Serving, conditions: Condition(ConditionTypes.Drifting, ConditionStatus.True, "FeatureDrift", At));
        var first = MonitoringNotifications.Evaluate(Listening, drifting);
        first.Triggers.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Event = NotificationEvent.Drifting, Version = "v1", Reason = "FeatureDrift", Notification = (string?)null });
        first.Record!.DriftingSince.Should().Be(At);

        // The next reconcile (or a new process) reads the record from status.
        MonitoringNotifications.Evaluate(Listening, drifting with { Notifications = first.Record }).Triggers.Should().BeEmpty();

        var recovered = With(Serving, first.Record, conditions: Condition(ConditionTypes.Drifting, ConditionStatus.False, "NoDrift", At.AddHours(1)));
        MonitoringNotifications.Evaluate(Listening, recovered).Triggers.Should().BeEmpty();

        var again = With(Serving, first.Record, conditions: Condition(ConditionTypes.Drifting, ConditionStatus.True, "FeatureDrift", At.AddHours(2)));
        MonitoringNotifications.Evaluate(Listening, again).Triggers.Should().ContainSingle().Which.Event.Should().Be(NotificationEvent.Drifting);
    }

    [Fact]
    public void AccuracyDegraded_fires_on_its_own_condition()
    {
        var degraded = With(Serving, conditions: Condition(ConditionTypes.AccuracyDegraded, ConditionStatus.True, "BelowThreshold"));
        var result = MonitoringNotifications.Evaluate(Listening, degraded);
        result.Triggers.Select(t => t.Event).Should().Equal(NotificationEvent.AccuracyDegraded);
        result.Record!.AccuracyDegradedSince.Should().Be(At);
        result.Record.DriftingSince.Should().BeNull();
    }

    [Fact]
    public void ActualsThreshold_counts_per_notification_from_the_count_at_its_last_trigger()
    {
        var start = MonitoringNotifications.Evaluate(Listening, With(Serving, actuals: 40));
        start.Triggers.Should().BeEmpty("a notification first seen starts counting from the current count");
        start.Record!.ActualsAtLastTrigger.Should().Equal(new Dictionary<string, long> { ["retrain"] = 40, ["retrain-big"] = 40 });

        MonitoringNotifications.Evaluate(Listening, With(Serving, start.Record, actuals: 139)).Triggers.Should().BeEmpty("99 new actuals are below 100");

        var fired = MonitoringNotifications.Evaluate(Listening, With(Serving, start.Record, actuals: 140));
        fired.Triggers.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Event = NotificationEvent.ActualsThreshold, Notification = "retrain" });
        fired.Record!.ActualsAtLastTrigger.Should().Equal(new Dictionary<string, long> { ["retrain"] = 140, ["retrain-big"] = 40 });

        MonitoringNotifications.Evaluate(Listening, With(Serving, fired.Record, actuals: 140)).Triggers.Should().BeEmpty("a restart does not fire again");
        var both = MonitoringNotifications.Evaluate(Listening, With(Serving, fired.Record, actuals: 1040));
        both.Triggers.Select(t => t.Notification).Should().Equal("retrain", "retrain-big");
    }

    [Fact]
    public void Without_notifications_nothing_fires_and_the_record_is_left_as_it_is()
    {
        var drifting = With(Serving, actuals: 5000, conditions: Condition(ConditionTypes.Drifting, ConditionStatus.True, "FeatureDrift"));
        var result = MonitoringNotifications.Evaluate(null, drifting);
        result.Triggers.Should().BeEmpty();
        result.Record.Should().BeNull();
    }

    [Fact]
    public void An_unchanged_record_is_the_same_instance_so_status_stays_equal()
    {
        var record = MonitoringNotifications.Evaluate(Listening, With(Serving, actuals: 7)).Record;
        MonitoringNotifications.Evaluate(Listening, With(Serving, record, actuals: 8)).Record.Should().BeSameAs(record);
    }

    [Fact]
    public void Work_goes_to_the_notifications_that_list_the_event_and_to_the_named_one_only_for_actuals()
    {
        var owner = new Api.V1Alpha1.ModelDeployment { Metadata = new() { Name = "iris", NamespaceProperty = "ns", Uid = "u" }, Spec = new() { Model = new() { Uri = "https://m/v1.onnx", Version = "v1" } } };
        NotificationTrigger[] triggers =
        [
            new(NotificationEvent.Drifting, "v1", "FeatureDrift", "m"),
            new(NotificationEvent.ActualsThreshold, "v1", "ActualsReceived", "m", "retrain-big"),
            new(NotificationEvent.RolloutStarted, "v2", "RolloutInProgress", "m"),
        ];
        NotificationWork.For(owner, Listening, triggers, At).Select(w => (w.Notification.Name, w.Trigger.Event))
            .Should().Equal(("drift", NotificationEvent.Drifting), ("retrain-big", NotificationEvent.ActualsThreshold));
    }

    [Fact]
    public void PromotionRejected_fires_for_a_run_that_ended_rejected_once()
    {
        var rejected = new RefreshScheduleStatus
        {
            LastRun = new RefreshRun { StartedAt = At, ScheduledTime = At, Result = RefreshRunResult.Rejected, Version = "v9", Message = "candidate v9 error rate 0.2 above 0.05" },
        };
        PromotionNotifications.From(new RefreshScheduleStatus(), rejected).Should().BeEquivalentTo(new { Event = NotificationEvent.PromotionRejected, Version = "v9", Reason = RefreshScheduleTransitions.PromotionRejected });
        PromotionNotifications.From(rejected, rejected).Should().BeNull();
        PromotionNotifications.From(null, rejected with { LastRun = rejected.LastRun with { Result = RefreshRunResult.Promoted } }).Should().BeNull();
    }
}
