using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Operator.Controllers.RefreshSchedule.Batch;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>
/// spec.batch against kube-apiserver: a schedule with only a batch creates, at its scheduled time, a Job running
/// `modelship batch` through the target's endpoint, owned by the schedule; when the Job completes, status.lastBatch
/// has the summary `modelship batch` wrote to its Pod's termination message. No Job controller or kubelet runs here:
/// the test plays them (the Job's Complete condition, a Pod terminated with the summary).
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class RefreshBatchJobTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_batch_only_schedule_runs_a_job_through_the_target_endpoint_and_records_its_summary()
    {
        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("refresh-batch"));
        await op.ModelDeployments.CreateAsync(RefreshScheduleSpecs.Target(op.Namespace, "1.0.0", "https://models.example.com/iris/1.0.0.onnx"));
        var schedule = RefreshScheduleSpecs.Hourly(op.Namespace, "iris-scoring", RefreshScheduleSpecs.Directory("/unused"));
        schedule.Spec = schedule.Spec with
        {
            Source = null,
            Promotion = null,
            Batch = new RefreshBatch
            {
                Input = new RefreshBatchInput { Uri = "s3://scoring/input/customers.csv", Format = RefreshBatchFormat.Csv },
                Output = new RefreshBatchOutput { Uri = "s3://scoring/output/{scheduledTime}.jsonl", Format = RefreshBatchFormat.JsonLines, IncludeInputs = true },
                Columns = ["sepal_length", "sepal_width", "petal_length", "petal_width"],
            },
        };
        var created = await op.Schedules.CreateAsync(schedule);
        var next = await op.NextScheduleTimeAsync("iris-scoring", Wait);

        await op.MoveClockPastAndReconcileAsync("iris-scoring", next, Wait);

        var started = await Eventually.ReturnsAsync(async () => (await op.GetAsync("iris-scoring")).Status is { LastBatch.Result: RefreshBatchResult.Running } s ? s : null, Wait, "a batch Job running");
        started.LastRun!.Result.Should().Be(RefreshRunResult.BatchOnly);
        var jobName = started.LastBatch!.JobName;
        jobName.Should().Be(RefreshBatchJobBuilder.JobName("iris-scoring", next));
        var jobs = op.Client.For<V1Job>();
        var job = await jobs.GetAsync(op.Namespace, jobName);
        job.Metadata.OwnerReferences.Should().ContainSingle(r => r.Kind == "RefreshSchedule" && r.Uid == created.Metadata.Uid && r.Controller == true);
        var container = job.Spec.Template.Spec.Containers.Single(c => c.Name == RefreshBatchJobBuilder.ContainerName);
        string.Join(' ', container.Args ?? []).Should().Contain("batch").And.Contain("iris").And.Contain("s3://scoring/input/customers.csv");
        container.TerminationMessagePath.Should().Be("/dev/termination-log");

        // The Job controller and the kubelet: the Pod ends with the summary, the Job completes.
        var finished = DateTime.UtcNow;
        var pods = op.Client.For<V1Pod>();
        await pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = $"{jobName}-x7k2p", NamespaceProperty = op.Namespace, Labels = new Dictionary<string, string> { ["job-name"] = jobName } },
            Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = RefreshBatchJobBuilder.ContainerName, Image = container.Image }] },
        });
        await pods.MergePatchStatusAsync(op.Namespace, $"{jobName}-x7k2p", new System.Text.Json.Nodes.JsonObject
        {
            ["status"] = new System.Text.Json.Nodes.JsonObject
            {
                ["phase"] = "Succeeded",
                ["containerStatuses"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
                {
                    ["name"] = RefreshBatchJobBuilder.ContainerName,
                    ["image"] = container.Image,
                    ["imageID"] = "",
                    ["ready"] = false,
                    ["restartCount"] = 0,
                    ["state"] = new System.Text.Json.Nodes.JsonObject
                    {
                        ["terminated"] = new System.Text.Json.Nodes.JsonObject
                        {
                            ["exitCode"] = 0,
                            ["finishedAt"] = finished.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                            ["message"] = """{"rows":150,"failures":2,"durationSeconds":3.25,"output":"s3://scoring/output/run.jsonl"}""",
                        },
                    },
                }),
            },
        });
        await jobs.MergePatchStatusAsync(op.Namespace, jobName, new System.Text.Json.Nodes.JsonObject
        {
            ["status"] = new System.Text.Json.Nodes.JsonObject
            {
                ["succeeded"] = 1,
                ["startTime"] = finished.AddSeconds(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                ["completionTime"] = finished.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                ["conditions"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
                {
                    ["type"] = "Complete",
                    ["status"] = "True",
                    ["lastTransitionTime"] = finished.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                }),
            },
        });

        // The operator polls a running Job every 10 s (no Job informer).
        var done = await Eventually.ReturnsAsync(async () => (await op.GetAsync("iris-scoring")).Status?.LastBatch is { Result: RefreshBatchResult.Succeeded } b ? b : null, Wait, "lastBatch Succeeded");
        done.Rows.Should().Be(150);
        done.Failures.Should().Be(2);
        done.DurationSeconds.Should().Be(3.25);
        done.Output.Should().Be("s3://scoring/output/run.jsonl");
        done.Message.Should().Be("150 rows, 2 failed, in 3.25 s; output s3://scoring/output/run.jsonl");
    }
}
