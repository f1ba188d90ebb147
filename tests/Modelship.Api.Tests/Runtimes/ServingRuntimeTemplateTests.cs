using Modelship.Api.Runtimes;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;

namespace Modelship.Api.Tests.Runtimes;

public sealed class ServingRuntimeTemplateTests
{
    private static readonly RuntimePlaceholderValues Values = new("/models", "iris", "v4", 8081, "0.0.0.0");

    private static ServingRuntimeSpec Spec(Func<ServingRuntimeSpec, ServingRuntimeSpec>? change = null)
    {
        var spec = new ServingRuntimeSpec
        {
            SupportedModelFormats = [new SupportedModelFormat { Name = "custom", AutoSelect = true }],
            Image = "registry.example/python-v2:1",
            Command = ["/usr/bin/python3", "server.py"],
            Args = ["--model", "{{.ModelPath}}", "--name={{ .ModelName }}", "--version", "{{.ModelVersion}}", "--port", "{{.Port}}", "--host", "{{.Host}}"],
            Env = [new EnvironmentVariable { Name = "MODEL", Value = "{{.ModelName}}@{{.ModelVersion}}" }],
        };
        return change is null ? spec : change(spec);
    }

    [Theory]
    [InlineData("{{.ModelPath}}/model.onnx", "/models/model.onnx")]
    [InlineData("--port={{.Port}}", "--port=8081")]
    [InlineData("{{ .ModelName }}-{{.ModelVersion}}", "iris-v4")]
    [InlineData("{{.Host}}:{{.Port}}", "0.0.0.0:8081")]
    [InlineData("{{.Unknown}} and {ModelPath} stay", "{{.Unknown}} and {ModelPath} stay")]
    [InlineData("no placeholders", "no placeholders")]
    public void Placeholders_are_replaced_as_plain_text(string text, string expected) =>
        RuntimePlaceholders.Expand(text, Values).Should().Be(expected);

    [Fact]
    public void A_resolved_server_has_its_placeholders_expanded_and_the_objects_env_last()
    {
        var runtime = new ServingRuntime { Metadata = new() { Name = "python-v2" }, Spec = Spec() };
        var overrides = new RuntimeSpec { Name = "python-v2", Env = [new EnvironmentVariable { Name = "MODEL", Value = "mine" }, new EnvironmentVariable { Name = "EXTRA", Value = "1" }] };

        var server = ResolvedServer.From(runtime, overrides, Values);

        server.Command.Should().Equal("/usr/bin/python3", "server.py");
        server.Args.Should().Equal("--model", "/models", "--name=iris", "--version", "v4", "--port", "8081", "--host", "0.0.0.0");
        server.Env.Select(e => $"{e.Name}={e.Value}").Should().Equal("MODEL=mine", "EXTRA=1");
        server.Port.Should().Be(8080, "the ServingRuntime's port, defaulted");
    }

    public static TheoryData<string, string, string> InvalidSpecs => new()
    {
        { "no formats", "spec.supportedModelFormats", "at least one" },
        { "unknown format", "spec.supportedModelFormats[0].name", "'sklearn' is not a model format" },
        { "onnx auto-selected", "spec.supportedModelFormats[0].autoSelect", "built-in runtime" },
        { "format twice", "spec.supportedModelFormats", "names 'custom' twice" },
        { "protocol v1", "spec.protocol", "'v1' is not supported" },
        { "no image", "spec.image", "is required" },
        { "port 0", "spec.port", "between 1 and 65535" },
        { "unknown placeholder in args", "spec.args[1]", "unknown placeholder {{.ModelDir}}" },
        { "unknown placeholder in command", "spec.command[0]", "unknown placeholder {{.Python}}" },
        { "unknown placeholder in env", "spec.env[0].value", "unknown placeholder {{.Name}}" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Invalid_ServingRuntimes_name_the_field(string name, string field, string message)
    {
        var spec = name switch
        {
            "no formats" => Spec(s => s with { SupportedModelFormats = [] }),
            "unknown format" => Spec(s => s with { SupportedModelFormats = [new SupportedModelFormat { Name = "sklearn" }] }),
            "onnx auto-selected" => Spec(s => s with { SupportedModelFormats = [new SupportedModelFormat { Name = "onnx", AutoSelect = true }] }),
            "format twice" => Spec(s => s with { SupportedModelFormats = [new SupportedModelFormat { Name = "custom" }, new SupportedModelFormat { Name = "custom" }] }),
            "protocol v1" => Spec(s => s with { Protocol = "v1" }),
            "no image" => Spec(s => s with { Image = " " }),
            "port 0" => Spec(s => s with { Port = 0 }),
            "unknown placeholder in args" => Spec(s => s with { Args = ["--model", "{{.ModelDir}}"] }),
            "unknown placeholder in command" => Spec(s => s with { Command = ["{{.Python}}"] }),
            _ => Spec(s => s with { Env = [new EnvironmentVariable { Name = "N", Value = "{{.Name}}" }] }),
        };

        var errors = ServingRuntimeValidator.Validate(spec);

        errors.Should().ContainSingle().Which.Should().Match<ValidationError>(e => e.Field == field && e.Message.Contains(message));
    }

    [Fact]
    public void The_example_ServingRuntime_is_valid() => ServingRuntimeValidator.Validate(Spec()).Should().BeEmpty();
}
