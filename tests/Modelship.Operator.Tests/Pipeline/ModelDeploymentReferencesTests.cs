using k8s;
using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.Pipeline;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Operator.Tests.Pipeline;

public sealed class ModelDeploymentReferencesTests
{
    [Fact]
    public void A_modeldeployment_maps_to_the_pipelines_of_its_namespace_that_refer_to_it()
    {
        var cache = new ObjectCache<PipelineResource>();
        cache.Upsert(PipelineSamples.Scoring());
        var other = PipelineSamples.Scoring();
        other.Metadata = new V1ObjectMeta { Name = "elsewhere", NamespaceProperty = "other" };
        cache.Upsert(other);
        var inline = PipelineSamples.Scoring();
        inline.Metadata = new V1ObjectMeta { Name = "inline-only", NamespaceProperty = "risk" };
        inline.Spec = inline.Spec with { Steps = [inline.Spec.Steps[0]] };
        cache.Upsert(inline);

        ModelDeploymentReferences.PipelinesReferencing(cache, PipelineSamples.Fraud()).Should().Equal(new ObjectKey("risk", "scoring"));
        var unrelated = PipelineSamples.Fraud();
        unrelated.Metadata = new V1ObjectMeta { Name = "iris", NamespaceProperty = "risk" };
        ModelDeploymentReferences.PipelinesReferencing(cache, unrelated).Should().BeEmpty();
    }

    [Fact]
    public void Only_what_a_referring_pipeline_reads_wakes_it()
    {
        var before = PipelineSamples.Fraud();
        var historyOnly = PipelineSamples.Fraud();
        historyOnly.Status = historyOnly.Status! with { TrafficSummary = "1/1", RoutingGeneration = 9 };
        var replaced = PipelineSamples.Fraud("v2");
        var unready = PipelineSamples.Fraud(ready: ConditionStatus.False, reason: ConditionReasons.Deploying);

        ModelDeploymentReferences.Relevant.AllowsUpdate(before, historyOnly).Should().BeFalse();
        ModelDeploymentReferences.Relevant.AllowsUpdate(before, replaced).Should().BeTrue();
        ModelDeploymentReferences.Relevant.AllowsUpdate(before, unready).Should().BeTrue();
        ModelDeploymentReferences.Relevant.AllowsAdd(before).Should().BeTrue();
        ModelDeploymentReferences.Relevant.AllowsDelete(before).Should().BeTrue();
    }

    [Fact]
    public void Model_servers_in_use_include_what_the_table_in_force_routes_to()
    {
        var options = new ModelDeploymentBuildOptions();
        var pipeline = PipelineSamples.Scoring("v2");
        var current = PipelinePlan.From(PipelineSamples.Scoring("v1"), _ => PipelineSamples.Fraud(), _ => true, _ => true, null, options).Table! with { Generation = 1 };
        var plan = PipelinePlan.From(pipeline, _ => PipelineSamples.Fraud(), _ => true, _ => true, current, options);
        var v1 = ChildNames.PipelineRuntime("scoring", "prep", "prep", "v1");
        var v2 = ChildNames.PipelineRuntime("scoring", "prep", "prep", "v2");

        PipelineRuntimes.InUse(pipeline, plan, current).Should().Contain([v1, v2]);
        PipelineRuntimes.InUse(pipeline, plan, plan.Table! with { Generation = 2 }).Should().Contain(v2).And.NotContain(v1);
        var runtime = new V1ObjectMeta { Name = v1, Labels = new Dictionary<string, string> { [ChildMetadata.ComponentLabel] = "pipeline-runtime" } };
        PipelineRuntimes.IsUnused(runtime, new HashSet<string> { v2 }).Should().BeTrue();
        PipelineRuntimes.IsUnused(new V1ObjectMeta { Name = "scoring-router", Labels = new Dictionary<string, string> { [ChildMetadata.ComponentLabel] = "pipeline-router" } }, new HashSet<string>()).Should().BeFalse("only model servers are ever deleted");
    }
}
