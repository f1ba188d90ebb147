using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout;

/// <summary>Abort and promote requests (modelship.dev/abort, modelship.dev/promote) in the rollout decision.</summary>
public sealed class RolloutRequestTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    private static RolloutObservation At(int seconds, RolloutRequest request) => new()
    {
        Now = Start.AddSeconds(seconds),
        StartedAt = Start,
        ProgressDeadline = TimeSpan.FromSeconds(60),
        NewVersionAvailable = true,
        StepWeights = [10, 50],
        StepPauses = [TimeSpan.FromHours(1), TimeSpan.FromHours(1)],
        DrainDelay = TimeSpan.FromSeconds(10),
        Request = request,
    };

    private static RolloutObservation Canary(int seconds, RolloutRequest request, int weight = 10) => At(seconds, request) with
    {
        Validation = ValidationResult.Passing,
        RoutedWeight = weight,
        RoutersServeCurrentTable = true,
        WeightServedSince = Start.AddSeconds(5),
    };

    public static TheoryData<string, RolloutObservation, RolloutAction, string, int?> Cases => new()
    {
        { "abort before the new version is available", At(10, RolloutRequest.Abort) with { NewVersionAvailable = false }, RolloutAction.Fail, ConditionReasons.RolloutAborted, null },
        { "abort before the checks ran", At(10, RolloutRequest.Abort), RolloutAction.Fail, ConditionReasons.RolloutAborted, null },
        { "abort mid-canary, in a pause", Canary(20, RolloutRequest.Abort), RolloutAction.Fail, ConditionReasons.RolloutAborted, null },
        { "abort mid-canary, routers behind", Canary(20, RolloutRequest.Abort) with { RoutersServeCurrentTable = false, WeightServedSince = null }, RolloutAction.Fail, ConditionReasons.RolloutAborted, null },
        { "abort in the mirror phase", Canary(20, RolloutRequest.Abort, MirrorPhaseAnalysis.Weight) with { StepWeights = [0, 10, 50], StepPauses = [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero] }, RolloutAction.Fail, ConditionReasons.RolloutAborted, null },
        { "abort beats an inconclusive analysis", Canary(20, RolloutRequest.Abort) with { Analysis = AnalysisVerdict.Inconclusive("no requests yet") }, RolloutAction.Fail, ConditionReasons.RolloutAborted, null },
        { "abort once all traffic is on the new version is too late: the drain goes on", Canary(20, RolloutRequest.Abort, 100), RolloutAction.Complete, ConditionReasons.RolloutComplete, null },
        { "promote never routes to a version that is not available", At(10, RolloutRequest.Promote) with { NewVersionAvailable = false }, RolloutAction.Wait, ConditionReasons.Deploying, null },
        { "promote still misses the progress deadline", At(60, RolloutRequest.Promote) with { NewVersionAvailable = false }, RolloutAction.Fail, ConditionReasons.ProgressDeadlineExceeded, null },
        { "promote still runs the replacement checks", At(10, RolloutRequest.Promote), RolloutAction.Validate, RolloutStateMachine.ValidatingReason, null },
        { "promote does not pass failed checks", At(10, RolloutRequest.Promote) with { Validation = ValidationResult.Failing }, RolloutAction.Fail, ConditionReasons.ReplacementValidationFailed, null },
        { "promote after the checks skips the canary steps", At(10, RolloutRequest.Promote) with { Validation = ValidationResult.Passing }, RolloutAction.Route, RolloutStateMachine.Promoted, 100 },
        { "promote mid-canary skips the pause", Canary(20, RolloutRequest.Promote), RolloutAction.Route, RolloutStateMachine.Promoted, 100 },
        { "promote mid-canary skips a failing analysis", Canary(20, RolloutRequest.Promote) with { Analysis = AnalysisVerdict.Failing("error rate 0.2 > 0.05") }, RolloutAction.Route, RolloutStateMachine.Promoted, 100 },
        { "promote mid-canary does not wait for the routers to catch up with the step", Canary(20, RolloutRequest.Promote) with { RoutersServeCurrentTable = false, WeightServedSince = null }, RolloutAction.Route, RolloutStateMachine.Promoted, 100 },
        { "promoted: waits for every router to serve the table", Canary(20, RolloutRequest.Promote, 100) with { RoutersServeCurrentTable = false, WeightServedSince = null }, RolloutAction.Wait, ConditionReasons.WaitingForRouters, null },
        { "promoted: waits for the drain", Canary(10, RolloutRequest.Promote, 100), RolloutAction.Wait, RolloutStateMachine.Draining, null },
        { "promoted: completes after the drain", Canary(15, RolloutRequest.Promote, 100), RolloutAction.Complete, ConditionReasons.RolloutComplete, null },
        { "no request: the pause holds", Canary(20, RolloutRequest.None), RolloutAction.Wait, RolloutStateMachine.ShiftingTraffic, null },
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
    public void An_abort_says_who_aborted_it()
    {
        RolloutStateMachine.Next(Canary(20, RolloutRequest.Abort)).Message.Should().Be("aborted by user (annotation modelship.dev/abort)");
    }

    public static TheoryData<string, Dictionary<string, string>?, string, RolloutRequest> Requests => new()
    {
        { "no annotations", null, "v2", RolloutRequest.None },
        { "abort for the pending version", new() { [ModelDeploymentAnnotations.Abort] = "v2" }, "v2", RolloutRequest.Abort },
        { "promote for the pending version", new() { [ModelDeploymentAnnotations.Promote] = "v2" }, "v2", RolloutRequest.Promote },
        { "abort wins over promote", new() { [ModelDeploymentAnnotations.Promote] = "v2", [ModelDeploymentAnnotations.Abort] = "v2" }, "v2", RolloutRequest.Abort },
        { "a stale abort names an earlier version", new() { [ModelDeploymentAnnotations.Abort] = "v2" }, "v3", RolloutRequest.None },
        { "a stale abort does not block a fresh promote", new() { [ModelDeploymentAnnotations.Abort] = "v2", [ModelDeploymentAnnotations.Promote] = "v3" }, "v3", RolloutRequest.Promote },
        { "an empty value asks nothing", new() { [ModelDeploymentAnnotations.Abort] = "" }, "v2", RolloutRequest.None },
        { "other annotations", new() { ["modelship.dev/abort-x"] = "v2" }, "v2", RolloutRequest.None },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Reads_the_request_for_the_pending_version(string because, Dictionary<string, string>? annotations, string pending, RolloutRequest expected)
    {
        RolloutRequests.For(annotations, pending).Should().Be(expected, because);
    }

    [Fact]
    public void A_request_is_settled_once_it_names_no_pending_version()
    {
        var annotations = new Dictionary<string, string> { [ModelDeploymentAnnotations.Abort] = "v2", [ModelDeploymentAnnotations.Promote] = "v3", ["team"] = "fraud" };

        RolloutRequests.Settled(annotations, "v3").Should().Equal(ModelDeploymentAnnotations.Abort);
        RolloutRequests.Settled(annotations, "v2").Should().Equal(ModelDeploymentAnnotations.Promote);
        RolloutRequests.Settled(annotations, null).Should().Equal(ModelDeploymentAnnotations.Abort, ModelDeploymentAnnotations.Promote);
        RolloutRequests.Settled(new Dictionary<string, string> { ["team"] = "fraud" }, null).Should().BeEmpty();
        RolloutRequests.Settled(null, null).Should().BeEmpty();
    }
}
