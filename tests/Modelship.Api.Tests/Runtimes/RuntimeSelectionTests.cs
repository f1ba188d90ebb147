using Modelship.Api.Runtimes;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Tests.Runtimes;

public sealed class RuntimeSelectionTests
{
    private static ServingRuntime Runtime(string name, params (string Format, bool AutoSelect)[] formats) => new()
    {
        Metadata = new() { Name = name },
        Spec = new ServingRuntimeSpec
        {
            SupportedModelFormats = [.. formats.Select(f => new SupportedModelFormat { Name = f.Format, AutoSelect = f.AutoSelect })],
            Image = $"registry.example/{name}:1",
            Args = ["--model={{.ModelPath}}"],
        },
    };

    private static readonly ServingRuntime Python = Runtime("python", ("custom", true));
    private static readonly ServingRuntime Triton = Runtime("triton", ("onnx", false), ("custom", false));
    private static readonly ServingRuntime Mlserver = Runtime("mlserver", ("custom", true));

    private static ModelSpec Model(ModelFormat format) => new() { Uri = "https://models.example/m", Format = format, Version = "v1" };

    /// <summary>runtime spec ("image", "name:x" or none), format, runtimes present, expected choice ("builtin", "inline", "template:x" or a reason).</summary>
    public static TheoryData<string, ModelFormat, string[], string> Cases => new()
    {
        { "none", ModelFormat.Onnx, [], "builtin" },
        { "none", ModelFormat.Onnx, ["python", "triton"], "builtin" },
        { "image", ModelFormat.Custom, ["python"], "inline" },
        { "image", ModelFormat.Onnx, [], "inline" },
        { "name:triton", ModelFormat.Onnx, ["triton", "python"], "template:triton" },
        { "name:triton", ModelFormat.Custom, ["triton"], "template:triton" },
        { "name:python", ModelFormat.Onnx, ["python"], RuntimeReasons.RuntimeUnsuitable },
        { "name:nope", ModelFormat.Onnx, ["python"], RuntimeReasons.RuntimeNotFound },
        { "none", ModelFormat.Custom, ["python", "triton"], "template:python" },
        { "none", ModelFormat.Custom, ["triton"], RuntimeReasons.RuntimeNotFound },
        { "none", ModelFormat.Custom, [], RuntimeReasons.RuntimeNotFound },
        { "none", ModelFormat.Custom, ["python", "mlserver"], RuntimeReasons.RuntimeAmbiguous },
        { "name:python", ModelFormat.Custom, ["python", "mlserver"], "template:python" },
        { "name:broken", ModelFormat.Custom, ["broken"], RuntimeReasons.RuntimeInvalid },
        { "none", ModelFormat.Custom, ["broken"], RuntimeReasons.RuntimeInvalid },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Chooses_the_server_of_a_version(string runtime, ModelFormat format, string[] present, string expected)
    {
        var all = new[] { Python, Triton, Mlserver, BrokenRuntime() };
        var spec = runtime switch
        {
            "image" => new RuntimeSpec { Image = "registry.example/own:1" },
            "none" => null,
            _ => new RuntimeSpec { Name = runtime["name:".Length..] },
        };

        var choice = RuntimeSelection.For(spec, Model(format), "spec.model", all.Where(r => present.Contains(r.Metadata.Name)));

        Describe(choice).Should().Be(expected);
    }

    [Fact]
    public void Messages_name_the_field_and_the_runtimes()
    {
        var choice = RuntimeSelection.For(null, Model(ModelFormat.Custom), "spec.traffic.shadows[0].model", [Python, Mlserver]);

        choice.Should().BeOfType<RuntimeChoice.Unservable>().Which.Message.Should()
            .Be("spec.traffic.shadows[0].model.format is custom and ServingRuntimes 'mlserver', 'python' all auto-select it; name one in spec.runtime.name");
    }

    private static ServingRuntime BrokenRuntime() => new()
    {
        Metadata = new() { Name = "broken" },
        Spec = Python.Spec with { Args = ["--model={{.ModelDir}}"] },
    };

    private static string Describe(RuntimeChoice choice) => choice switch
    {
        RuntimeChoice.BuiltIn => "builtin",
        RuntimeChoice.Inline => "inline",
        RuntimeChoice.Template t => $"template:{t.Runtime.Metadata.Name}",
        RuntimeChoice.Unservable u => u.Reason,
        _ => "?",
    };
}
