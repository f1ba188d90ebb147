using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.RefreshSchedule.Batch;

namespace Modelship.Operator.Tests.RefreshSchedule.Batch;

public sealed class RefreshBatchTriggerTests
{
    private static RefreshScheduleStatus After(RefreshRunResult result, RefreshBatchRun? lastBatch = null, string? version = "1.5.0") => new()
    {
        LastRun = new RefreshRun { ScheduledTime = BatchSamples.ScheduledTime, StartedAt = BatchSamples.ScheduledTime, Result = result, Version = version },
        LastBatch = lastBatch,
    };

    private static ModelDeploymentStatus Serving(string version, bool pending = false) => new()
    {
        ObservedGeneration = 5,
        ActiveModel = new ModelVersionStatus { Version = version, Uri = "s3://models/churn" },
        PendingModel = pending ? new ModelVersionStatus { Version = "1.5.0", Uri = "s3://models/churn" } : null,
    };

    [Theory]
    [InlineData(RefreshRunResult.Rejected, BatchStep.Start)]
    [InlineData(RefreshRunResult.NoNewVersion, BatchStep.Start)]
    [InlineData(RefreshRunResult.BatchOnly, BatchStep.Start)]
    [InlineData(RefreshRunResult.Skipped, BatchStep.None)]
    [InlineData(RefreshRunResult.Failed, BatchStep.None)]
    public void A_batch_follows_each_run_that_reached_the_target(RefreshRunResult result, BatchStep step) =>
        RefreshBatchTrigger.Decide(BatchSamples.Schedule().Spec, After(result), BatchSamples.Target(Serving("1.4.0"))).Step.Should().Be(step);

    [Fact]
    public void After_a_promotion_the_batch_waits_until_the_new_version_is_rolled_out()
    {
        var spec = BatchSamples.Schedule().Spec;
        RefreshBatchTrigger.Decide(spec, After(RefreshRunResult.Promoted), BatchSamples.Target(Serving("1.4.0", pending: true))).Step.Should().Be(BatchStep.WaitForRollout);
        RefreshBatchTrigger.Decide(spec, After(RefreshRunResult.Promoted), BatchSamples.Target(Serving("1.4.0"))).Step.Should().Be(BatchStep.WaitForRollout);
        RefreshBatchTrigger.Decide(spec, After(RefreshRunResult.Promoted), BatchSamples.Target(Serving("1.5.0")))
            .Should().Be(new BatchDecision(BatchStep.Start, BatchSamples.ScheduledTime));
    }

    [Fact]
    public void One_batch_per_scheduled_time_then_it_is_tracked_while_running()
    {
        var spec = BatchSamples.Schedule().Spec;
        var running = new RefreshBatchRun { JobName = "j", ScheduledTime = BatchSamples.ScheduledTime, StartedAt = BatchSamples.ScheduledTime, Result = RefreshBatchResult.Running };

        RefreshBatchTrigger.Decide(spec, After(RefreshRunResult.NoNewVersion, running), null).Step.Should().Be(BatchStep.Track);
        RefreshBatchTrigger.Decide(spec, After(RefreshRunResult.NoNewVersion, running with { Result = RefreshBatchResult.Succeeded }), null).Step.Should().Be(BatchStep.None);
        RefreshBatchTrigger.Decide(BatchSamples.Schedule().Spec with { Batch = null }, After(RefreshRunResult.NoNewVersion), null).Step.Should().Be(BatchStep.None);
    }
}
