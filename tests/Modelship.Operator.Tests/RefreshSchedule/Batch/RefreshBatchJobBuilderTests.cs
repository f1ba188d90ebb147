using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.RefreshSchedule.Batch;
using Modelship.Operator.Tests.ModelDeployment.Builders;

namespace Modelship.Operator.Tests.RefreshSchedule.Batch;

public sealed class RefreshBatchJobBuilderTests
{
    private static readonly ModelDeploymentBuildOptions Options = new() { Image = "ghcr.io/modelship/modelship:0.2.0" };

    [Fact]
    public void Job_matches_golden() =>
        Golden.Matches(RefreshBatchJobBuilder.Build(BatchSamples.Schedule(), BatchSamples.Target(), BatchSamples.ScheduledTime, Options), "refresh-batch-job");

    [Fact]
    public void Job_runs_modelship_batch_against_the_targets_endpoint_service_and_writes_its_summary_to_the_termination_message()
    {
        var job = RefreshBatchJobBuilder.Build(BatchSamples.Schedule(), BatchSamples.Target(), BatchSamples.ScheduledTime, Options);

        job.Metadata.Name.Should().Be("churn-nightly-batch-29943540");
        job.Metadata.OwnerReferences.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            ApiVersion = "modelship.dev/v1alpha1",
            Kind = "RefreshSchedule",
            Name = "churn-nightly",
            Uid = "0f3c9a1e-7d2b-4c55-9e1a-2b8f6d4c3a10",
            Controller = true,
        });
        job.Spec.BackoffLimit.Should().Be(1);
        job.Spec.TtlSecondsAfterFinished.Should().Be(86400);
        var pod = job.Spec.Template.Spec;
        pod.RestartPolicy.Should().Be("Never");
        var container = pod.Containers.Should().ContainSingle().Subject;
        container.Image.Should().Be(Options.Image);
        container.TerminationMessagePath.Should().Be("/dev/termination-log");
        container.Args.Should().ContainInConsecutiveOrder("--endpoint", "http://churn.ml.svc.cluster.local");
        container.Args.Should().ContainInConsecutiveOrder("--model", "churn");
        container.Args.Should().ContainInConsecutiveOrder("--output", "s3://scoring/output/20261207T030000Z.jsonl");
        container.Args.Should().ContainInConsecutiveOrder("--summary-file", "/dev/termination-log");
        container.Args.Should().ContainInConsecutiveOrder("--parameters", "explain=true", "--parameters", "segment=gold");
        container.Env.Select(e => (e.Name, e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key)).Should().Equal(
            ("AWS_ACCESS_KEY_ID", "scoring-s3", "accessKeyId"), ("AWS_SECRET_ACCESS_KEY", "scoring-s3", "secretAccessKey"));
        container.SecurityContext.ReadOnlyRootFilesystem.Should().BeTrue();
    }

    [Fact]
    public void The_same_scheduled_time_gives_the_same_job_name_and_another_time_another()
    {
        RefreshBatchJobBuilder.JobName("churn-nightly", BatchSamples.ScheduledTime).Should().Be(RefreshBatchJobBuilder.JobName("churn-nightly", BatchSamples.ScheduledTime.AddSeconds(30)));
        RefreshBatchJobBuilder.JobName("churn-nightly", BatchSamples.ScheduledTime.AddDays(1)).Should().NotBe(RefreshBatchJobBuilder.JobName("churn-nightly", BatchSamples.ScheduledTime));
        RefreshBatchJobBuilder.JobName(new string('x', 80), BatchSamples.ScheduledTime).Length.Should().BeLessThanOrEqualTo(63);
    }

    [Fact]
    public void Pvc_uris_mount_their_claims_read_only_for_input_and_writable_for_output()
    {
        var schedule = BatchSamples.Schedule(b => b with
        {
            Input = new RefreshBatchInput { Uri = "pvc://scoring-data/in/rows.csv" },
            Output = new RefreshBatchOutput { Uri = "pvc://scoring-results/out/answers.csv" },
            S3 = null,
        });

        var job = RefreshBatchJobBuilder.Build(schedule, BatchSamples.Target(), BatchSamples.ScheduledTime, Options);

        var pod = job.Spec.Template.Spec;
        pod.Containers[0].Args.Should().ContainInConsecutiveOrder("--input", "/mnt/pvc/scoring-data/in/rows.csv", "--output", "/mnt/pvc/scoring-results/out/answers.csv");
        pod.Containers[0].Env.Should().BeNull();
        pod.Volumes.Where(v => v.PersistentVolumeClaim is not null).Select(v => (v.PersistentVolumeClaim.ClaimName, v.PersistentVolumeClaim.ReadOnlyProperty))
            .Should().Equal(("scoring-data", true), ("scoring-results", false));
        pod.Containers[0].VolumeMounts.Select(m => m.MountPath).Should().Contain(["/mnt/pvc/scoring-data", "/mnt/pvc/scoring-results", "/tmp"]);
    }
}
