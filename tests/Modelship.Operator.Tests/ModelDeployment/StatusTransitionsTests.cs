using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Events;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Tests.ModelDeployment;

public sealed class StatusTransitionsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
    private static readonly ModelVersionStatus V1 = new() { Version = "v1", Uri = "https://m/v1.onnx" };
    private static readonly ModelVersionStatus V2 = new() { Version = "v2", Uri = "https://m/v2.onnx" };
    private static readonly ModelHistoryEntry V1Active = new() { Version = "v1", Uri = V1.Uri, Outcome = HistoryOutcome.Active };

    private static Condition Condition(string type, ConditionStatus status, string reason, string message = "m") =>
        new() { Type = type, Status = status, Reason = reason, Message = message, LastTransitionTime = At };

    private static TrafficBackendStatus Champion(string version) => new() { Name = "champion", Version = version, Role = TrafficRole.Champion, Weight = 100 };

    private static readonly ModelDeploymentStatus Serving = new()
    {
        ActiveModel = V1,
        History = [V1Active],
        Traffic = [Champion("v1")],
        Conditions = [Condition(ConditionTypes.Suspended, ConditionStatus.False, ConditionReasons.NotSuspended), Condition(ConditionTypes.Degraded, ConditionStatus.False, ConditionReasons.AsExpected)],
    };

    private static readonly ModelDeploymentStatus Pending = Serving with { PendingModel = V2 };

    private static readonly ModelHistoryEntry V2Failed = new() { Version = "v2", Uri = V2.Uri, RetiredAt = At, Outcome = HistoryOutcome.Failed, Message = "RolloutAborted: aborted by user (annotation modelship.dev/abort)" };

    private static readonly ModelDeploymentStatus Aborted = Serving with
    {
        History = [V2Failed, V1Active],
        Conditions = [Condition(ConditionTypes.Suspended, ConditionStatus.False, ConditionReasons.NotSuspended), Condition(ConditionTypes.Degraded, ConditionStatus.True, ConditionReasons.RolloutAborted, V2Failed.Message!)],
    };

    public static TheoryData<string, ModelDeploymentStatus?, ModelDeploymentStatus, TransitionEvent[]> Transitions => new()
    {
        { "nothing-changed", Serving, Serving, [] },
        { "first-status", null, Serving, [] },
        { "first-status-suspended", null, Serving with { Conditions = [Condition(ConditionTypes.Suspended, ConditionStatus.True, ConditionReasons.SuspendedBySpec)] },
            [new(EventType.Normal, "Suspended", "spec.suspend is true: model servers and routers scaled to zero")] },
        { "suspended", Serving, Serving with { Conditions = [Condition(ConditionTypes.Suspended, ConditionStatus.True, ConditionReasons.SuspendedBySpec)] },
            [new(EventType.Normal, "Suspended", "spec.suspend is true: model servers and routers scaled to zero")] },
        { "resumed", Serving with { Conditions = [Condition(ConditionTypes.Suspended, ConditionStatus.True, ConditionReasons.SuspendedBySpec)] }, Serving,
            [new(EventType.Normal, "Resumed", "spec.suspend is false: model servers and routers scaled back up")] },
        { "replacement-starts", Serving, Pending, [] },
        { "canary-routed", Pending, Pending with { Traffic = [Champion("v1") with { Weight = 80 }, new() { Name = RoutedBackends.CanaryName, Version = "v2", Role = TrafficRole.Canary, Weight = 20 }] },
            [new(EventType.Normal, ConditionReasons.RolloutInProgress, "routing traffic to version v2")] },
        { "canary-next-step", Pending with { Traffic = [Champion("v1") with { Weight = 80 }, new() { Name = RoutedBackends.CanaryName, Version = "v2", Role = TrafficRole.Canary, Weight = 20 }] },
            Pending with { Traffic = [Champion("v1") with { Weight = 50 }, new() { Name = RoutedBackends.CanaryName, Version = "v2", Role = TrafficRole.Canary, Weight = 50 }] }, [] },
        { "mirrored", Pending, Pending with { Traffic = [Champion("v1"), new() { Name = RoutedBackends.CanaryName, Version = "v2", Role = TrafficRole.Shadow, Weight = 0 }] },
            [new(EventType.Normal, ConditionReasons.RolloutInProgress, "mirroring traffic to version v2")] },
        { "replaced-at-once", Pending, Pending with { Traffic = [Champion("v2")] },
            [new(EventType.Normal, ConditionReasons.RolloutInProgress, "routing traffic to version v2")] },
        { "promoted", Pending with { Traffic = [Champion("v2")] }, Pending with { Traffic = [Champion("v2")], Conditions = [Condition(ConditionTypes.Progressing, ConditionStatus.True, RolloutStateMachine.Promoted, RolloutStateMachine.PromotedByUser)] },
            [new(EventType.Normal, RolloutStateMachine.Promoted, $"version v2 {RolloutStateMachine.PromotedByUser}")] },
        { "completed", Pending with { Traffic = [Champion("v2")] }, Serving with { ActiveModel = V2, Traffic = [Champion("v2")] },
            [new(EventType.Normal, ConditionReasons.RolloutComplete, "version v2 replaced v1")] },
        { "completed-again", Serving with { ActiveModel = V2, Traffic = [Champion("v2")] }, Serving with { ActiveModel = V2, Traffic = [Champion("v2")] }, [] },
        { "aborted", Pending, Aborted,
            [new(EventType.Warning, ConditionReasons.RolloutAborted, "replacement by version v2 failed, traffic stays on v1: aborted by user (annotation modelship.dev/abort)")] },
        { "aborted-again", Aborted, Aborted, [] },
        { "router-role-missing", Serving, Serving with { Conditions = [Condition(ConditionTypes.Suspended, ConditionStatus.False, ConditionReasons.NotSuspended), Condition(ConditionTypes.Degraded, ConditionStatus.True, ConditionReasons.RouterClusterRoleMissing, "ClusterRole x does not exist")] },
            [new(EventType.Warning, ConditionReasons.RouterClusterRoleMissing, "ClusterRole x does not exist")] },
        { "auth-secret-missing", Serving, Serving with { Conditions = [Condition(ConditionTypes.Suspended, ConditionStatus.False, ConditionReasons.NotSuspended), Condition(ConditionTypes.Degraded, ConditionStatus.True, ConditionReasons.AuthSecretMissing, "Secret risk/t does not exist")] },
            [new(EventType.Warning, ConditionReasons.AuthSecretMissing, "Secret risk/t does not exist")] },
        { "auth-secret-still-missing", Serving with { Conditions = [Condition(ConditionTypes.Degraded, ConditionStatus.True, ConditionReasons.AuthSecretMissing, "Secret risk/t does not exist")] },
            Serving with { Conditions = [Condition(ConditionTypes.Degraded, ConditionStatus.True, ConditionReasons.AuthSecretMissing, "Secret risk/t does not exist")] }, [] },
        { "invalid", Serving, Serving with { Conditions = [Condition(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.InvalidSpec, "spec.traffic: too much")] },
            [new(EventType.Warning, ConditionReasons.InvalidSpec, "spec.traffic: too much")] },
        { "still-invalid", Serving with { Conditions = [Condition(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.InvalidSpec, "spec.traffic: too much")] },
            Serving with { ObservedGeneration = 4, Conditions = [Condition(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.InvalidSpec, "spec.traffic: too much")] }, [] },
        { "invalid-otherwise", Serving with { Conditions = [Condition(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.InvalidSpec, "spec.traffic: too much")] },
            Serving with { Conditions = [Condition(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.InvalidSpec, "spec.model.uri: s3")] },
            [new(EventType.Warning, ConditionReasons.InvalidSpec, "spec.model.uri: s3")] },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Events_are_what_the_new_status_shows_and_the_old_did_not(string name, ModelDeploymentStatus? previous, ModelDeploymentStatus next, TransitionEvent[] expected) =>
        StatusTransitions.Events(previous, next).Should().Equal(expected, name);

    [Fact]
    public void A_rollout_ends_once_completed_aborted_or_failed_and_not_again()
    {
        var completed = Serving with { ActiveModel = V2, Traffic = [Champion("v2")] };
        var failed = Aborted with { History = [V2Failed with { Message = "ProgressDeadlineExceeded: late" }, V1Active], Conditions = [Condition(ConditionTypes.Degraded, ConditionStatus.True, ConditionReasons.ProgressDeadlineExceeded)] };

        StatusTransitions.Ended(Pending, completed).Should().Be(new RolloutEnd("v2", RolloutResults.Completed));
        StatusTransitions.Ended(Pending, Aborted).Should().Be(new RolloutEnd("v2", RolloutResults.Aborted));
        StatusTransitions.Ended(Pending, failed).Should().Be(new RolloutEnd("v2", RolloutResults.Failed));
        StatusTransitions.Ended(completed, completed).Should().BeNull();
        StatusTransitions.Ended(Aborted, Aborted).Should().BeNull();
        StatusTransitions.Ended(Serving, Pending).Should().BeNull();
        StatusTransitions.Ended(null, Serving).Should().BeNull("the first champion is no rollout");
    }
}
