using Modelship.Api.Conditions;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;

namespace Modelship.Operator.Tests.ModelDeployment.Metrics;

public sealed class RolloutResultsTests
{
    [Theory]
    [InlineData(ConditionReasons.RolloutAborted, RolloutResults.Aborted)]
    [InlineData(ConditionReasons.ProgressDeadlineExceeded, RolloutResults.Failed)]
    [InlineData(ConditionReasons.ReplacementValidationFailed, RolloutResults.Failed)]
    public void A_failure_is_aborted_only_when_the_rollout_was_stopped(string reason, string result) =>
        RolloutResults.OfFailure(reason).Should().Be(result);
}
