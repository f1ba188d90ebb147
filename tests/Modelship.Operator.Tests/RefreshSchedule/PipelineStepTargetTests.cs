using System.Text.Json;
using k8s.Models;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.RefreshSchedule;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Operator.Tests.RefreshSchedule;

/// <summary>A Pipeline's model step as a RefreshSchedule target: which steps can be one, and the patch that refreshes it.</summary>
public sealed class PipelineStepTargetTests
{
    private static readonly PipelineResource Scoring = new()
    {
        Metadata = new V1ObjectMeta { Name = "scoring", NamespaceProperty = "ml", ResourceVersion = "17" },
        Spec = JsonSerializer.Deserialize("""
            {"steps":[
              {"name":"prep","model":{"model":{"uri":"https://m.example.com/prep/v1.onnx","version":"v1","format":"onnx","runtime":{"port":9000}}}},
              {"name":"classify","model":{"modelDeploymentRef":{"name":"iris"}}},
              {"name":"top","select":{"index":0}}
            ]}
            """, ModelshipApiJsonContext.Default.PipelineSpec)!,
    };

    [Fact]
    public void Only_a_model_step_with_an_inline_model_can_be_refreshed()
    {
        PipelineStepTarget.Problem(Scoring, "scoring", "prep").Should().BeNull();
        PipelineStepTarget.Problem(null, "scoring", "prep").Should().Be("Pipeline \"scoring\" does not exist in this namespace");
        PipelineStepTarget.Problem(Scoring, "scoring", "nope").Should().Be("Pipeline \"scoring\" has no step \"nope\"");
        PipelineStepTarget.Problem(Scoring, "scoring", "top").Should().Be("step \"top\" of Pipeline \"scoring\" is a select step, not a model step");
        PipelineStepTarget.Problem(Scoring, "scoring", "classify").Should().Be("step \"classify\" of Pipeline \"scoring\" refers to ModelDeployment \"iris\": target that ModelDeployment");
        PipelineStepTarget.Champion(Scoring, "prep").Should().BeEquivalentTo(new ModelSpec { Uri = "https://m.example.com/prep/v1.onnx", Version = "v1", Format = ModelFormat.Onnx });
    }

    [Fact]
    public void The_patch_carries_every_step_with_only_the_targets_uri_version_and_digest_changed()
    {
        var patch = PipelineStepTarget.Promote(Scoring, "prep", new ModelSpec { Uri = "file:///models/prep/v2", Version = "v2" }, "prep-nightly");

        patch["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("17");
        patch["metadata"]!["annotations"]![TargetModelPatch.PromotedByAnnotation]!.GetValue<string>().Should().Be("prep-nightly");
        var steps = patch["spec"]!["steps"]!.AsArray();
        steps.Select(s => s!["name"]!.GetValue<string>()).Should().Equal("prep", "classify", "top");
        var prep = steps[0]!["model"]!["model"]!;
        prep["uri"]!.GetValue<string>().Should().Be("file:///models/prep/v2");
        prep["version"]!.GetValue<string>().Should().Be("v2");
        prep["format"]!.GetValue<string>().Should().Be("onnx");
        prep["runtime"]!["port"]!.GetValue<int>().Should().Be(9000, "format and runtime stay");
        steps[1]!["model"]!["modelDeploymentRef"]!["name"]!.GetValue<string>().Should().Be("iris");
    }
}
