using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Tests.ModelDeployment;

/// <summary>The bookkeeping of a reconcile: v1 active, the spec asks for v2.</summary>
public sealed class RolloutLedgerTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Started.AddMinutes(5);
    private static readonly ModelSpec V1 = new() { Uri = "https://m/v1.onnx", Version = "v1" };
    private static readonly ModelSpec V2 = new() { Uri = "https://m/v2.onnx", Version = "v2" };
    private static readonly ModelHistoryEntry V1Active = new() { Version = "v1", Uri = V1.Uri, ActivatedAt = Started.AddDays(-1), Outcome = HistoryOutcome.Active };

    private static ModelDeploymentStatus Replacing(params ModelHistoryEntry[] history) => new()
    {
        ActiveModel = new ModelVersionStatus { Version = "v1", Uri = V1.Uri, Since = Started.AddDays(-1) },
        PendingModel = new ModelVersionStatus { Version = "v2", Uri = V2.Uri, Since = Started },
        History = history.Length == 0 ? [V1Active] : history,
    };

    private static RolloutLedger Ledger(ModelDeploymentStatus status, int? routedWeight = null) =>
        RolloutLedger.From(VersionPlan.From(new ModelDeploymentSpec { Model = V2 }, status, Now), status, routedWeight, suspended: false);

    private static RolloutDecision Decision(RolloutAction action, string reason = "Reason", int? weight = null, TimeSpan? requeue = null) =>
        new(action, reason, "message", weight, requeue);

    public static TheoryData<string, RolloutDecision, int?, int?, string?> Decisions => new()
    {
        // name, decision, weight the table gives v2 now, weight it is to give, Progressing reason reported
        { "wait-deploying", Decision(RolloutAction.Wait, ConditionReasons.Deploying, requeue: TimeSpan.FromSeconds(5)), null, null, ConditionReasons.Deploying },
        { "first-step", Decision(RolloutAction.Route, RolloutStateMachine.ShiftingTraffic, weight: 20), null, 20, RolloutStateMachine.ShiftingTraffic },
        { "next-step", Decision(RolloutAction.Route, RolloutStateMachine.ShiftingTraffic, weight: 50), 20, 50, RolloutStateMachine.ShiftingTraffic },
        { "mirror", Decision(RolloutAction.Route, RolloutStateMachine.MirroringTraffic, weight: 0), null, 0, RolloutStateMachine.MirroringTraffic },
        { "draining", Decision(RolloutAction.Wait, RolloutStateMachine.Draining, requeue: TimeSpan.FromSeconds(3)), 100, 100, RolloutStateMachine.Draining },
        { "analysis-pending", Decision(RolloutAction.Wait, RolloutStateMachine.AnalysisPending), 20, 20, RolloutStateMachine.AnalysisPending },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void A_rollout_under_way_keeps_v1_active_and_routes_v2_as_decided(string name, RolloutDecision decision, int? routed, int? weight, string? reason)
    {
        var ledger = Ledger(Replacing(), routed).After(decision, validation: null, ReplacementReason.Other, Now);

        ledger.Active!.Version.Should().Be("v1", name);
        ledger.Plan.Pending.Should().Be(V2);
        ledger.History.Should().Equal(V1Active);
        ledger.PendingWeight.Should().Be(weight);
        ledger.Rollout?.Reason.Should().Be(reason);
        ledger.Failure.Should().BeNull();
    }

    [Fact]
    public void A_suspended_rollout_is_paused_and_its_canary_share_dropped()
    {
        var status = Replacing();
        var ledger = RolloutLedger.From(VersionPlan.From(new ModelDeploymentSpec { Model = V2, Suspend = true }, status, Now), status, routedPendingWeight: 20, suspended: true);

        ledger.Plan.Pending.Should().Be(V2, "paused, not abandoned");
        ledger.PendingWeight.Should().BeNull();
        ledger.Rollout.Should().BeNull();
    }

    [Fact]
    public void Routing_looks_again_at_the_poll_interval_and_waiting_when_the_state_machine_says()
    {
        Ledger(Replacing()).After(Decision(RolloutAction.Route, weight: 20), null, ReplacementReason.Other, Now).RequeueAfter.Should().Be(RolloutStateMachine.PollInterval);
        Ledger(Replacing(), 100).After(Decision(RolloutAction.Wait, requeue: TimeSpan.FromSeconds(3)), null, ReplacementReason.Other, Now).RequeueAfter.Should().Be(TimeSpan.FromSeconds(3));
        Ledger(Replacing(), 20).After(Decision(RolloutAction.Wait), null, ReplacementReason.Other, Now).RequeueAfter.Should().BeNull();
    }

    [Fact]
    public void Complete_makes_v2_active_retires_v1_and_records_the_reason()
    {
        var ledger = Ledger(Replacing(), 100).After(Decision(RolloutAction.Complete, ConditionReasons.RolloutComplete), null, ReplacementReason.DataDrift, Now);

        ledger.Active.Should().Be(new ModelVersionStatus { Version = "v2", Uri = V2.Uri, Since = Now });
        ledger.Plan.Pending.Should().BeNull();
        ledger.Plan.ActiveSpec.Should().Be(V2);
        ledger.PendingWeight.Should().BeNull();
        ledger.History.Should().Equal(
            new ModelHistoryEntry { Version = "v2", Uri = V2.Uri, ActivatedAt = Now, Reason = ReplacementReason.DataDrift, Outcome = HistoryOutcome.Active },
            V1Active with { Outcome = HistoryOutcome.Replaced, RetiredAt = Now });
    }

    [Theory]
    [InlineData(null)]
    [InlineData(20)]
    public void Fail_records_one_failed_attempt_whether_or_not_it_took_traffic(int? routed)
    {
        var ledger = Ledger(Replacing(), routed).After(Decision(RolloutAction.Fail, ConditionReasons.RolloutAborted), null, ReplacementReason.Other, Now);

        ledger.History.Should().HaveCount(2);
        ledger.History[0].Should().Be(new ModelHistoryEntry
        {
            Version = "v2",
            Uri = V2.Uri,
            RetiredAt = Now,
            Reason = ReplacementReason.Other,
            Outcome = HistoryOutcome.Failed,
            Message = "RolloutAborted: message",
        });
        ledger.Failure.Should().Be((ConditionReasons.RolloutAborted, "RolloutAborted: message"));
        ledger.Plan.Pending.Should().BeNull();
        ledger.Plan.FailedAttempt.Should().Be(ledger.History[0]);
        ledger.PendingWeight.Should().BeNull("the table goes back to the champion only");
        ledger.Active!.Version.Should().Be("v1");
    }

    [Fact]
    public void A_completion_the_history_already_records_is_not_recorded_again()
    {
        var recorded = new ModelHistoryEntry { Version = "v2", Uri = V2.Uri, ActivatedAt = Started, Outcome = HistoryOutcome.Active };
        var history = new[] { recorded, V1Active with { Outcome = HistoryOutcome.Replaced, RetiredAt = Started } };

        var ledger = Ledger(Replacing(history), 100).After(Decision(RolloutAction.Complete), null, ReplacementReason.Other, Now);

        ledger.History.Should().Equal(history);
    }

    [Fact]
    public void A_failure_the_history_already_records_is_not_recorded_again()
    {
        var recorded = new ModelHistoryEntry { Version = "v2", Uri = V2.Uri, RetiredAt = Started, Outcome = HistoryOutcome.Failed, Message = "RolloutAborted: earlier" };

        // VersionPlan.From would not find v2 pending over such a history: given one anyway, the ledger still records it once.
        var replaying = Ledger(Replacing(), 20) with { History = [recorded, V1Active] };

        var ledger = replaying.After(Decision(RolloutAction.Fail, ConditionReasons.RolloutAborted), null, ReplacementReason.Other, Now);

        ledger.History.Should().Equal(recorded, V1Active);
        ledger.Failure.Should().Be((ConditionReasons.RolloutAborted, "RolloutAborted: earlier"), "the message the status already reports");
    }

    [Fact]
    public void A_failed_attempt_is_reported_from_the_history_until_the_spec_changes()
    {
        var failed = new ModelHistoryEntry { Version = "v2", Uri = V2.Uri, RetiredAt = Started, Outcome = HistoryOutcome.Failed, Message = "ProgressDeadlineExceeded: late" };
        var status = new ModelDeploymentStatus
        {
            ActiveModel = new ModelVersionStatus { Version = "v1", Uri = V1.Uri },
            History = [failed, V1Active],
            Conditions = [new Condition { Type = ConditionTypes.Degraded, Status = ConditionStatus.True, Reason = ConditionReasons.ProgressDeadlineExceeded, Message = "ProgressDeadlineExceeded: late", LastTransitionTime = Started }],
            ReplacementValidation = new ReplacementValidationStatus { Version = "v2", Status = ValidationResult.Passing },
        };

        var ledger = Ledger(status);

        ledger.Plan.Pending.Should().BeNull();
        ledger.Failure.Should().Be((ConditionReasons.ProgressDeadlineExceeded, "ProgressDeadlineExceeded: late"));
        ledger.ReportedValidation.Should().NotBeNull("the checks explain the failure");
        Ledger(status with { Conditions = null }).Failure!.Value.Reason.Should().Be(ConditionReasons.RolloutAborted, "no Degraded condition to take the reason from");
    }

    [Fact]
    public void The_validation_is_reported_only_while_a_replacement_is_pending_or_failed()
    {
        var validation = new ReplacementValidationStatus { Version = "v2", Status = ValidationResult.Passing };

        Ledger(Replacing()).After(Decision(RolloutAction.Route, weight: 100), validation, ReplacementReason.Other, Now).ReportedValidation.Should().Be(validation);
        Ledger(Replacing(), 100).After(Decision(RolloutAction.Complete), validation, ReplacementReason.Other, Now).ReportedValidation.Should().BeNull();
    }

    [Fact]
    public void The_first_champion_is_activated_once_the_table_in_force_routes_to_it()
    {
        var spec = new ModelDeploymentSpec { Model = V1 };
        var fresh = RolloutLedger.From(VersionPlan.From(spec, null, Now), null, null, suspended: false);
        var table = new RoutingTable { Generation = 1, ModelName = "iris", Backends = [new RoutingBackend { Name = "champion", Version = "v1", Role = BackendRole.Champion, Url = "http://iris-v1", ModelName = "iris" }] };

        fresh.Activated(null, Now).Active.Should().BeNull("no table yet: v1 is not Available");
        var activated = fresh.Activated(table, Now);
        activated.Active.Should().Be(new ModelVersionStatus { Version = "v1", Uri = V1.Uri, Since = Now });
        activated.History.Should().Equal(new ModelHistoryEntry { Version = "v1", Uri = V1.Uri, ActivatedAt = Now, Outcome = HistoryOutcome.Active });

        // A status written with the history entry but read back without the active model (or the reverse) is not recorded twice.
        var halfRecorded = new ModelDeploymentStatus { History = activated.History };
        RolloutLedger.From(VersionPlan.From(spec, halfRecorded, Now), halfRecorded, null, suspended: false).Activated(table, Now.AddMinutes(1)).History.Should().Equal(activated.History);
        activated.Activated(table, Now.AddMinutes(1)).Should().Be(activated);
    }
}
