using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.RefreshSchedule.Batch;

namespace Modelship.Operator.Tests.RefreshSchedule.Batch;

public sealed class RefreshBatchStatusTests
{
    private static readonly DateTime Finished = new(2026, 12, 7, 3, 4, 10, DateTimeKind.Utc);

    private static readonly RefreshBatchRun Started = new()
    {
        JobName = "churn-nightly-batch-29943540",
        ScheduledTime = BatchSamples.ScheduledTime,
        StartedAt = BatchSamples.ScheduledTime.AddSeconds(5),
        Result = RefreshBatchResult.Running,
        Output = "s3://scoring/output/20261207T030000Z.jsonl",
    };

    private static V1Job Job(string? condition, string? message = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = Started.JobName },
        Status = new V1JobStatus
        {
            CompletionTime = condition == "Complete" ? Finished : null,
            Conditions = condition is null ? null : [new V1JobCondition { Type = condition, Status = "True", LastTransitionTime = Finished, Message = message }],
        },
    };

    private static V1Pod Pod(string? terminationMessage, DateTime finishedAt) => new()
    {
        Status = new V1PodStatus
        {
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = RefreshBatchJobBuilder.ContainerName,
                    State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, FinishedAt = finishedAt, Message = terminationMessage } },
                },
            ],
        },
    };

    [Fact]
    public void A_complete_job_reads_rows_failures_and_duration_from_the_newest_pods_termination_message()
    {
        var status = RefreshBatchStatus.From(Started, Job("Complete"),
        [
            Pod("""{"result":"Failed","rows":10,"failures":10,"durationSeconds":1.0,"output":"old"}""", Finished.AddMinutes(-2)),
            Pod("""{"result":"Succeeded","input":"s3://scoring/input/customers.csv","output":"s3://scoring/output/20261207T030000Z.jsonl","rows":1200,"failures":3,"durationSeconds":41.5}""", Finished),
        ]);

        status.Should().BeEquivalentTo(Started with
        {
            Result = RefreshBatchResult.Succeeded,
            FinishedAt = new DateTimeOffset(Finished),
            Rows = 1200,
            Failures = 3,
            DurationSeconds = 41.5,
            Message = "1200 rows, 3 failed, in 41.5 s; output s3://scoring/output/20261207T030000Z.jsonl",
        });
    }

    [Fact]
    public void A_failed_job_says_why_from_the_summary_or_the_job_condition()
    {
        RefreshBatchStatus.From(Started, Job("Failed", "Job has reached the specified backoff limit"),
                [Pod("""{"result":"Failed","rows":100,"failures":40,"durationSeconds":2,"output":"x","message":"40 of 100 rows failed (40.0 %), more than the allowed 1.0 %"}""", Finished)])
            .Should().Match<RefreshBatchRun>(s => s.Result == RefreshBatchResult.Failed && s.Failures == 40 && s.Message!.StartsWith("40 of 100 rows failed", StringComparison.Ordinal));
        RefreshBatchStatus.From(Started, Job("Failed", "Job has reached the specified backoff limit"), [Pod("not json", Finished)])
            .Message.Should().Be("Job has reached the specified backoff limit");
    }

    [Fact]
    public void A_running_job_stays_running_and_a_missing_one_fails()
    {
        RefreshBatchStatus.From(Started, Job(null), []).Should().Match<RefreshBatchRun>(s => s.Result == RefreshBatchResult.Running && s.FinishedAt == null);
        var now = BatchSamples.ScheduledTime.AddHours(1);
        RefreshBatchStatus.Missing(Started, now).Should().Match<RefreshBatchRun>(s => s.Result == RefreshBatchResult.Failed && s.FinishedAt == now && s.Message!.Contains("no longer exists"));
    }
}
