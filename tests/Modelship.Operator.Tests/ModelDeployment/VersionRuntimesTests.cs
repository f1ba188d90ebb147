using Modelship.Api.Runtimes;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Tests.ModelDeployment.Builders;

namespace Modelship.Operator.Tests.ModelDeployment;

public sealed class VersionRuntimesTests
{
    private static ModelSpec Custom(string version) => new() { Uri = $"https://models.example/{version}.json", Format = ModelFormat.Custom, Version = version };

    private static ModelDeploymentSpec OnnxChampionWithCustomChallenger(RuntimeSpec? runtime = null) => Samples.Fraud().Spec with
    {
        Runtime = runtime,
        Traffic = new TrafficSpec
        {
            Challengers = [new ChallengerSpec { Name = "python", Model = Custom("v4"), Weight = 20 }],
            Shadows = [new ShadowSpec { Name = "shadow", Model = Custom("v5") }],
        },
    };

    [Fact]
    public void Onnx_versions_get_the_built_in_runtime_and_custom_ones_the_runtime_that_auto_selects_them()
    {
        var spec = OnnxChampionWithCustomChallenger();
        var runtimes = VersionRuntimes.Select(spec, [ServingRuntimeWorkloadTests.Triton()]);

        runtimes.Problem.Should().BeNull();
        runtimes.For(spec.Model.Version).Should().BeNull("the champion is onnx: the built-in runtime");
        runtimes.For("v4")!.Metadata.Name.Should().Be("triton");
        runtimes.For("v5")!.Metadata.Name.Should().Be("triton");
    }

    [Fact]
    public void The_first_version_no_runtime_serves_is_the_problem_with_its_path()
    {
        var runtimes = VersionRuntimes.Select(OnnxChampionWithCustomChallenger(), []);

        runtimes.Problem!.Reason.Should().Be(RuntimeReasons.RuntimeNotFound);
        runtimes.Problem.Message.Should().StartWith("spec.traffic.challengers[0].model.format is custom");
    }

    [Fact]
    public void A_named_runtime_serves_every_version()
    {
        var spec = OnnxChampionWithCustomChallenger(new RuntimeSpec { Name = "triton" });
        var runtimes = VersionRuntimes.Select(spec, [ServingRuntimeWorkloadTests.Triton()]);

        runtimes.Templates.Keys.Should().BeEquivalentTo([spec.Model.Version, "v4", "v5"]);
    }

    [Theory]
    [InlineData(null, null, "custom", true)]
    [InlineData(null, null, "onnx", false)]
    [InlineData("triton", null, "onnx", true)]
    [InlineData("other", null, "custom", false)]
    [InlineData(null, "registry.example/server:1", "custom", false)]
    public void A_ServingRuntime_change_reconciles_the_ModelDeployments_that_may_use_it(string? name, string? image, string format, bool mayUse)
    {
        var spec = Samples.Fraud().Spec with
        {
            Runtime = name is null && image is null ? null : new RuntimeSpec { Name = name, Image = image },
            Model = Samples.Fraud().Spec.Model with { Format = format == "custom" ? ModelFormat.Custom : ModelFormat.Onnx },
        };

        VersionRuntimes.MayUse(spec, "triton").Should().Be(mayUse);
    }
}
