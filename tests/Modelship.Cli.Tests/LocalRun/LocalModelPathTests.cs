using Modelship.Api.V1Alpha1;
using Modelship.Cli.LocalRun;

namespace Modelship.Cli.Tests.LocalRun;

public sealed class LocalModelPathTests
{
    [Fact]
    public void A_dot_relative_file_uri_is_relative_to_the_manifest() =>
        LocalModelPath.Resolve(Model("file://./models/iris-v1.onnx"), "/srv/iris").Should().Be("/srv/iris/models/iris-v1.onnx");

    [Fact]
    public void An_absolute_file_uri_is_used_as_is() =>
        LocalModelPath.Resolve(Model("file:///opt/models/m.onnx"), "/srv/iris").Should().Be("/opt/models/m.onnx");

    [Theory]
    [InlineData("http://models.example/m.onnx")]
    [InlineData("pvc://claim/m.onnx")]
    [InlineData("s3://bucket/m.onnx")]
    [InlineData("file://host/m.onnx")]
    public void Other_uris_are_a_clear_error(string uri)
    {
        var resolve = () => LocalModelPath.Resolve(Model(uri), "/srv");

        resolve.Should().Throw<LocalRunException>().WithMessage($"*serves models from files*{uri}*");
    }

    [Fact]
    public void A_drift_reference_is_a_local_file_like_the_models() =>
        LocalModelPath.ResolveDriftReference(new DriftReference { Uri = "file://./profiles/iris.json" }, "/srv/iris").Should().Be("/srv/iris/profiles/iris.json");

    [Fact]
    public void A_configmap_drift_reference_is_refused_locally_with_a_clear_message()
    {
        var resolve = () => LocalModelPath.ResolveDriftReference(new DriftReference { ConfigMap = new ConfigMapKeyReference { Name = "iris-profile" } }, "/srv");

        resolve.Should().Throw<LocalRunException>().WithMessage("*configMap*exists only in a cluster*give the profile as uri*");
    }

    [Fact]
    public void A_remote_drift_reference_is_refused_locally() =>
        ((Action)(() => LocalModelPath.ResolveDriftReference(new DriftReference { Uri = "https://models.example/profile.json" }, "/srv")))
            .Should().Throw<LocalRunException>().WithMessage("*reads the profile from a file*https://models.example/profile.json*");

    private static ModelSpec Model(string uri) => new() { Uri = uri, Version = "v1" };
}
