using Modelship.Api.Conditions;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Tests.ModelDeployment.Metrics;

public sealed class RolloutResultsTests
{
    [Theory]
    [InlineData(RolloutAction.Complete, ConditionReasons.RolloutComplete, RolloutResults.Completed)]
    [InlineData(RolloutAction.Fail, ConditionReasons.RolloutAborted, RolloutResults.Aborted)]
    [InlineData(RolloutAction.Fail, ConditionReasons.ProgressDeadlineExceeded, RolloutResults.Failed)]
    [InlineData(RolloutAction.Fail, ConditionReasons.ReplacementValidationFailed, RolloutResults.Failed)]
    [InlineData(RolloutAction.Route, ConditionReasons.RolloutInProgress, null)]
    [InlineData(RolloutAction.Wait, ConditionReasons.WaitingForRouters, null)]
    [InlineData(RolloutAction.Validate, "ValidatingReplacement", null)]
    public void A_decision_ends_a_rollout_only_when_it_completes_or_fails(RolloutAction action, string reason, string? result) =>
        RolloutResults.Of(new RolloutDecision(action, reason, "message")).Should().Be(result);
}
