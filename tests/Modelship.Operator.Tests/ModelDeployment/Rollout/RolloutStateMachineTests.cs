using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout;

public sealed class RolloutStateMachineTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    private static RolloutObservation At(int seconds) => new()
    {
        Now = Start.AddSeconds(seconds),
        StartedAt = Start,
        ProgressDeadline = TimeSpan.FromSeconds(60),
        NewVersionAvailable = false,
        DrainDelay = TimeSpan.FromSeconds(10),
    };

    public static TheoryData<string, RolloutObservation, RolloutAction, string, int?> Cases => new()
    {
        { "not available yet waits", At(10), RolloutAction.Wait, ConditionReasons.Deploying, null },
        { "not available at the deadline fails", At(60), RolloutAction.Fail, ConditionReasons.ProgressDeadlineExceeded, null },
        { "Pods that failed to fetch or load fail before the deadline", At(10) with { Validation = ValidationResult.Failing }, RolloutAction.Fail, ConditionReasons.ReplacementValidationFailed, null },
        { "available and unchecked validates", At(10) with { NewVersionAvailable = true }, RolloutAction.Validate, RolloutStateMachine.ValidatingReason, null },
        { "failed checks fail", At(10) with { NewVersionAvailable = true, Validation = ValidationResult.Failing }, RolloutAction.Fail, ConditionReasons.ReplacementValidationFailed, null },
        { "unanswered checks before the deadline ask again", At(10) with { NewVersionAvailable = true, Validation = ValidationResult.Failing, ValidationUnanswered = true }, RolloutAction.Wait, RolloutStateMachine.ValidatingReason, null },
        { "unanswered checks at the deadline fail", At(60) with { NewVersionAvailable = true, Validation = ValidationResult.Failing, ValidationUnanswered = true }, RolloutAction.Fail, ConditionReasons.ReplacementValidationFailed, null },
        { "warning checks proceed", At(10) with { NewVersionAvailable = true, Validation = ValidationResult.Warning }, RolloutAction.Route, ConditionReasons.RolloutInProgress, 100 },
        { "replace routes everything at once", At(10) with { NewVersionAvailable = true, Validation = ValidationResult.Passing }, RolloutAction.Route, ConditionReasons.RolloutInProgress, 100 },
        { "canary routes its first step", At(10) with { NewVersionAvailable = true, Validation = ValidationResult.Passing, StepWeights = [10, 50], StepPauses = [TimeSpan.Zero, TimeSpan.Zero] }, RolloutAction.Route, RolloutStateMachine.ShiftingTraffic, 10 },
        { "routed but routers behind waits", At(10) with { NewVersionAvailable = true, RoutedWeight = 100, RoutersServeCurrentTable = false }, RolloutAction.Wait, ConditionReasons.WaitingForRouters, null },
        { "served, drain not over waits", At(15) with { NewVersionAvailable = true, RoutedWeight = 100, RoutersServeCurrentTable = true, WeightServedSince = Start.AddSeconds(10) }, RolloutAction.Wait, RolloutStateMachine.Draining, null },
        { "served and drained completes", At(20) with { NewVersionAvailable = true, RoutedWeight = 100, RoutersServeCurrentTable = true, WeightServedSince = Start.AddSeconds(10) }, RolloutAction.Complete, ConditionReasons.RolloutComplete, null },
        { "canary step pausing waits", At(20) with { NewVersionAvailable = true, StepWeights = [10, 50], StepPauses = [TimeSpan.FromSeconds(30), TimeSpan.Zero], RoutedWeight = 10, RoutersServeCurrentTable = true, WeightServedSince = Start.AddSeconds(10), Analysis = AnalysisVerdict.Passing() }, RolloutAction.Wait, RolloutStateMachine.ShiftingTraffic, null },
        { "canary step done routes the next", At(41) with { NewVersionAvailable = true, StepWeights = [10, 50], StepPauses = [TimeSpan.FromSeconds(30), TimeSpan.Zero], RoutedWeight = 10, RoutersServeCurrentTable = true, WeightServedSince = Start.AddSeconds(10), Analysis = AnalysisVerdict.Passing() }, RolloutAction.Route, RolloutStateMachine.ShiftingTraffic, 50 },
        { "last canary step promotes", At(41) with { NewVersionAvailable = true, StepWeights = [10, 50], StepPauses = [TimeSpan.Zero, TimeSpan.Zero], RoutedWeight = 50, RoutersServeCurrentTable = true, WeightServedSince = Start.AddSeconds(10) }, RolloutAction.Route, ConditionReasons.RolloutInProgress, 100 },
        { "failed analysis aborts", At(41) with { NewVersionAvailable = true, StepWeights = [10, 50], StepPauses = [TimeSpan.Zero, TimeSpan.Zero], RoutedWeight = 10, RoutersServeCurrentTable = true, WeightServedSince = Start.AddSeconds(10), Analysis = AnalysisVerdict.Failing("error rate 0.2 > 0.05") }, RolloutAction.Fail, ConditionReasons.RolloutAborted, null },
        { "the window's pause counts from the window's start", At(45) with { NewVersionAvailable = true, StepWeights = [10, 50], StepPauses = [TimeSpan.FromSeconds(30), TimeSpan.Zero], RoutedWeight = 10, RoutersServeCurrentTable = true, WeightServedSince = Start.AddSeconds(10), AnalysisWindowStartedAt = Start.AddSeconds(20) }, RolloutAction.Wait, RolloutStateMachine.ShiftingTraffic, null },
        { "an inconclusive window before its pause ends keeps pausing", At(20) with { NewVersionAvailable = true, StepWeights = [10, 50], StepPauses = [TimeSpan.FromSeconds(30), TimeSpan.Zero], RoutedWeight = 10, RoutersServeCurrentTable = true, WeightServedSince = Start.AddSeconds(10), Analysis = AnalysisVerdict.Inconclusive("the step's window started") }, RolloutAction.Wait, RolloutStateMachine.ShiftingTraffic, null },
        { "an inconclusive window after its pause waits", At(99) with { NewVersionAvailable = true, StepWeights = [10, 50], StepPauses = [TimeSpan.FromSeconds(30), TimeSpan.Zero], RoutedWeight = 10, RoutersServeCurrentTable = true, WeightServedSince = Start.AddSeconds(10), Analysis = AnalysisVerdict.Inconclusive("40 requests") }, RolloutAction.Wait, RolloutStateMachine.AnalysisPending, null },
        { "an inconclusive window fails at the progress deadline past its pause", At(100) with { NewVersionAvailable = true, StepWeights = [10, 50], StepPauses = [TimeSpan.FromSeconds(30), TimeSpan.Zero], RoutedWeight = 10, RoutersServeCurrentTable = true, WeightServedSince = Start.AddSeconds(10), Analysis = AnalysisVerdict.Inconclusive("40 requests") }, RolloutAction.Fail, ConditionReasons.ProgressDeadlineExceeded, null },
        { "inconclusive analysis waits", At(41) with { NewVersionAvailable = true, StepWeights = [10, 50], StepPauses = [TimeSpan.Zero, TimeSpan.Zero], RoutedWeight = 10, RoutersServeCurrentTable = true, WeightServedSince = Start.AddSeconds(10), Analysis = AnalysisVerdict.Inconclusive("no requests yet") }, RolloutAction.Wait, RolloutStateMachine.AnalysisPending, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Transition(string because, RolloutObservation observed, RolloutAction action, string reason, int? weight)
    {
        var decision = RolloutStateMachine.Next(observed);

        decision.Action.Should().Be(action, because);
        decision.Reason.Should().Be(reason, because);
        decision.Weight.Should().Be(weight, because);
    }

    [Fact]
    public void A_failed_check_names_the_failures_in_the_message()
    {
        var decision = RolloutStateMachine.Next(At(10) with { Validation = ValidationResult.Failing, ValidationFailures = "fetch: sha256 mismatch" });

        decision.Message.Should().Be("the new version failed the replacement checks: fetch: sha256 mismatch");
    }

    [Fact]
    public void Waiting_for_availability_requeues_no_later_than_the_deadline()
    {
        var decision = RolloutStateMachine.Next(At(58));
        decision.RequeueAfter.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Unanswered_checks_are_asked_again_no_later_than_the_deadline()
    {
        var unanswered = At(10) with { NewVersionAvailable = true, Validation = ValidationResult.Failing, ValidationUnanswered = true };
        RolloutStateMachine.Next(unanswered).RequeueAfter.Should().Be(RolloutStateMachine.PollInterval);
        RolloutStateMachine.Next(unanswered with { Now = Start.AddSeconds(58) }).RequeueAfter.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Too_little_traffic_says_so_and_until_when_it_waits()
    {
        var observed = At(50) with { NewVersionAvailable = true, StepWeights = [10], StepPauses = [TimeSpan.FromSeconds(30)], RoutedWeight = 10, RoutersServeCurrentTable = true, WeightServedSince = Start.AddSeconds(10), Analysis = AnalysisVerdict.Inconclusive("the new version answered 40 requests in the step's window, fewer than minRequests 100") };
        RolloutStateMachine.Next(observed).Message.Should().Be("canary at 10%: the new version answered 40 requests in the step's window, fewer than minRequests 100; waiting at most until 2026-11-22T06:01:40Z");
        RolloutStateMachine.Next(observed with { Now = Start.AddSeconds(100) }).Message.Should()
            .Be("canary analysis at 10% reached no verdict within 60s after the step's pause (spec.rollout.progressDeadlineSeconds): the new version answered 40 requests in the step's window, fewer than minRequests 100");
    }

    [Fact]
    public void Draining_requeues_when_the_drain_ends()
    {
        var decision = RolloutStateMachine.Next(At(12) with { NewVersionAvailable = true, RoutedWeight = 100, RoutersServeCurrentTable = true, WeightServedSince = Start.AddSeconds(10) });
        decision.RequeueAfter.Should().Be(TimeSpan.FromSeconds(8));
    }
}
