using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.Pipeline;
using Modelship.Operator.Controllers.Pipeline.Builders;
using Modelship.Operator.Tests.ModelDeployment.Builders;

namespace Modelship.Operator.Tests.Pipeline;

public sealed class PipelineBuilderTests
{
    private static readonly ModelDeploymentBuildOptions Options = new();

    private static StepModelRef Prep(string version = "v1") => PipelineModels.Of(PipelineSamples.Scoring(version).Spec)[0];

    [Fact]
    public void Inline_model_deployment_matches_golden() =>
        GoldenHere.Matches(RuntimeDeploymentBuilder.Build(InlineModelWorkload.Build(PipelineSamples.Scoring(), Prep()), Options), "inline-model-deployment");

    [Fact]
    public void Inline_model_service_matches_golden() =>
        GoldenHere.Matches(RuntimeServiceBuilder.Build(InlineModelWorkload.Build(PipelineSamples.Scoring(), Prep())), "inline-model-service");

    [Fact]
    public void Router_deployment_matches_golden() =>
        GoldenHere.Matches(RouterDeploymentBuilder.Build(ChildOwner.Of(PipelineSamples.Scoring()), Options, suspended: false), "router-deployment");

    [Fact]
    public void Endpoint_service_matches_golden() =>
        GoldenHere.Matches(EndpointServiceBuilder.Build(ChildOwner.Of(PipelineSamples.Scoring()), Options), "endpoint-service");

    [Fact]
    public void A_pipeline_and_a_modeldeployment_of_the_same_name_never_select_each_others_pods()
    {
        var pipeline = ChildOwner.Of(PipelineSamples.Scoring());
        var modelDeployment = ChildOwner.Of(ModelDeployment.Builders.Samples.Fraud()) with { Name = "scoring" };
        foreach (var component in new[] { ChildMetadata.RouterComponent, ChildMetadata.RuntimeComponent })
        {
            var ours = ChildMetadata.Selector(pipeline, component, "v1", "prep-x");
            var theirs = ChildMetadata.Selector(modelDeployment, component, "v1");
            theirs.Should().NotBeSubsetOf(ours, $"{component}: a ModelDeployment's Service must not select a Pipeline's pods");
            ours.Should().NotBeSubsetOf(theirs);
        }
    }

    [Fact]
    public void Two_steps_deploying_the_same_version_get_their_own_server_and_selector()
    {
        var pipeline = PipelineSamples.Scoring();
        var a = new StepModelRef("a-b", "c", new Api.V1Alpha1.StepModel { Model = new Api.V1Alpha1.InlineModelSpec { Uri = "https://m/x.onnx", Version = "v1" } });
        var b = a with { Step = "a", Name = "b-c" };
        var (left, right) = (InlineModelWorkload.Build(pipeline, a), InlineModelWorkload.Build(pipeline, b));

        left.Metadata.Name.Should().NotBe(right.Metadata.Name, "the readable parts are the same (scoring-a-b-c-v1); the hash tells them apart");
        left.Selector.Should().NotBeSubsetOf(right.Selector);
        left.Metadata.Name!.Length.Should().BeLessThanOrEqualTo(ChildNames.MaxLength);
        InlineModelWorkload.ModelName(a).Should().Be("a-b-c", "as `modelship run` names it");
    }

    [Fact]
    public void A_custom_server_keeps_its_model_name_and_port()
    {
        var model = new StepModelRef("score", "score", new Api.V1Alpha1.StepModel
        {
            Model = new Api.V1Alpha1.InlineModelSpec { Uri = "https://m/x", Version = "v1", Format = Api.V1Alpha1.ModelFormat.Custom, Runtime = new Api.V1Alpha1.RuntimeSpec { Image = "mlserver:1", Port = 9000, ModelName = "xgb" } },
        });
        InlineModelWorkload.ModelName(model).Should().Be("xgb");
        InlineModelWorkload.Url(PipelineSamples.Scoring(), model, "v1").Should().EndWith(".risk.svc.cluster.local:9000");
        var server = RuntimeDeploymentBuilder.Build(InlineModelWorkload.Build(PipelineSamples.Scoring(), model), Options).Spec!.Template!.Spec!.Containers![0];
        server.Image.Should().Be("mlserver:1");
        server.ReadinessProbe!.HttpGet!.Path.Should().Be("/v2/models/xgb/ready");
    }
}

/// <summary>Golden files in this folder's testdata/.</summary>
internal static class GoldenHere
{
    public static void Matches<T>(T value, string name) => Golden.Matches(value, name);
}
