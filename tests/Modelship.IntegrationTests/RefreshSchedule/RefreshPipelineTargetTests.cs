using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.Pipeline;
using Modelship.Operator.Controllers.RefreshSchedule;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>
/// A RefreshSchedule whose target is a model step of a Pipeline, against kube-apiserver with a real directory source:
/// the step's inline model is replaced, every other step is left as it was. The Pipeline controller does not run: what
/// a promotion does is the change of the Pipeline's spec.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class RefreshPipelineTargetTests(SharedClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly VersionDirectory _models = new();

    public void Dispose() => _models.Dispose();

    [Fact]
    public async Task A_new_version_becomes_the_inline_model_of_the_pipeline_step_and_nothing_else_changes()
    {
        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("refresh-pipeline"));
        var pipelines = op.Client.For<PipelineResource>();
        await pipelines.CreateAsync(PipelineSpecs.Scoring(op.Namespace));
        var before = await pipelines.GetAsync(op.Namespace, "scoring");
        var folder = _models.Add("v2", accuracy: 0.9);
        await op.Schedules.CreateAsync(Schedule(op.Namespace, "prep"));

        await op.MoveClockPastAndReconcileAsync("prep-hourly", await op.NextScheduleTimeAsync("prep-hourly", Wait), Wait);

        var status = await Eventually.ReturnsAsync(async () => (await op.GetAsync("prep-hourly")).Status is { LastRun: not null } s ? s : null, Wait, "the run is recorded");
        status.LastRun!.Result.Should().Be(RefreshRunResult.Promoted, status.LastRun.Message);
        status.LastRun.Message.Should().Be("version v2 replaces v1: 1 metric check(s) passed (no metrics recorded for the champion v1: checks without a baseline pass)");
        var after = await pipelines.GetAsync(op.Namespace, "scoring");
        var prep = after.Spec.Steps[0].Model!.Model!;
        prep.Version.Should().Be("v2");
        prep.Uri.Should().Be(new Uri(folder).AbsoluteUri);
        after.Spec.Steps.Skip(1).Should().BeEquivalentTo(before.Spec.Steps.Skip(1), "the other steps are left as they were");
        after.Metadata.Annotations.Should().Contain(TargetModelPatch.PromotedByAnnotation, "prep-hourly");
        after.Metadata.ManagedFields!.Should().Contain(f => f.Manager == TargetModelPatch.FieldManager);
    }

    [Fact]
    public async Task A_step_that_refers_to_a_modeldeployment_is_refused_with_the_way_to_target_it()
    {
        await using var op = await RefreshScheduleOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("refresh-pipeline-ref"));
        await op.Client.For<PipelineResource>().CreateAsync(PipelineSpecs.Scoring(op.Namespace));
        await op.Schedules.CreateAsync(Schedule(op.Namespace, "classify"));

        var ready = await Eventually.ReturnsAsync(async () => ConditionList.Find((await op.GetAsync("classify-hourly")).Status?.Conditions, ConditionTypes.Ready), Wait, "a Ready condition");
        ready.Reason.Should().Be(ConditionReasons.InvalidSpec);
        ready.Message.Should().Contain("spec.target.pipeline: step \"classify\" of Pipeline \"scoring\" refers to ModelDeployment \"iris\": target that ModelDeployment");
    }

    private Api.V1Alpha1.RefreshSchedule Schedule(string ns, string step) => new()
    {
        Metadata = new k8s.Models.V1ObjectMeta { Name = $"{step}-hourly", NamespaceProperty = ns },
        Spec = new RefreshScheduleSpec
        {
            Schedule = "0 * * * *",
            Target = new RefreshTarget { Pipeline = new RefreshPipelineTarget { Name = "scoring", Step = step } },
            Source = RefreshScheduleSpecs.Directory(_models.Path),
            Promotion = new RefreshPromotion
            {
                MetricCheck = new RefreshMetricCheck { Checks = [new RefreshMetricComparison { Metric = "accuracy", MaxRegression = 0.01 }] },
            },
        },
    };

}
