using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.Api.Tests.Pipelines;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;

namespace Modelship.Api.Tests.Validation;

/// <summary>spec.auth and spec.predictionDefaults: what the schema cannot say, checked like the rest of the spec.</summary>
public sealed class AuthAndPredictionDefaultsValidatorTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static ModelDeploymentSpec With(AuthSpec? auth = null, PredictionDefaults? defaults = null) =>
        Specs.Champion() with { Auth = auth, PredictionDefaults = defaults };

    [Fact]
    public void Valid_auth_and_defaults_have_no_errors()
    {
        var spec = With(
            new AuthSpec { BearerTokens = new AuthBearerTokens { SecretName = "iris-tokens", AdminSecretName = "iris.admin-tokens" } },
            new PredictionDefaults { Parameters = Json("""{"threshold":0.7,"explain":false,"segment":"retail","top_k":3}"""), Override = true });
        ModelDeploymentValidator.Validate(spec).Should().BeEmpty();
    }

    public static TheoryData<string, ModelDeploymentSpec, string, string> Invalid => new()
    {
        { "empty secret name", With(new AuthSpec { BearerTokens = new AuthBearerTokens { SecretName = "" } }), "spec.auth.bearerTokens.secretName", "must name a Secret" },
        { "blank secret name", With(new AuthSpec { BearerTokens = new AuthBearerTokens { SecretName = "  " } }), "spec.auth.bearerTokens.secretName", "must name a Secret" },
        { "uppercase secret name", With(new AuthSpec { BearerTokens = new AuthBearerTokens { SecretName = "Iris_Tokens" } }), "spec.auth.bearerTokens.secretName", "not a valid Secret name" },
        { "empty admin secret name", With(new AuthSpec { BearerTokens = new AuthBearerTokens { SecretName = "t", AdminSecretName = "" } }), "spec.auth.bearerTokens.adminSecretName", "must name a Secret" },
        { "no bearerTokens", With(new AuthSpec { BearerTokens = null! }), "spec.auth.bearerTokens", "is required" },
        { "object value", With(defaults: new PredictionDefaults { Parameters = Json("""{"nested":{"a":1}}""") }), "spec.predictionDefaults.parameters", "parameter 'nested' must be a string, number or boolean (got an object)" },
        { "array value", With(defaults: new PredictionDefaults { Parameters = Json("""{"list":[1,2]}""") }), "spec.predictionDefaults.parameters", "(got an array)" },
        { "null value", With(defaults: new PredictionDefaults { Parameters = Json("""{"nothing":null}""") }), "spec.predictionDefaults.parameters", "(got null)" },
        { "empty name", With(defaults: new PredictionDefaults { Parameters = Json("""{"":1}""") }), "spec.predictionDefaults.parameters", "name must not be empty" },
        { "no parameters", With(defaults: new PredictionDefaults { Parameters = Json("{}") }), "spec.predictionDefaults.parameters", "at least one parameter" },
        { "not an object", With(defaults: new PredictionDefaults { Parameters = Json("[1]") }), "spec.predictionDefaults.parameters", "must be an object" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_values_are_reported_on_their_field(string name, ModelDeploymentSpec spec, string field, string message)
    {
        var errors = ModelDeploymentValidator.Validate(spec);
        errors.Should().ContainSingle(name).Which.Field.Should().Be(field);
        errors[0].Message.Should().Contain(message).And.StartWith(field);
    }

    [Fact]
    public void Pipeline_step_defaults_are_checked_and_only_allowed_on_steps_that_call_models()
    {
        var defaults = new PredictionDefaults { Parameters = Json("""{"threshold":0.5}""") };
        PipelineValidator.Validate(PipelineSpecs.WithStep("preprocess", s => s with { PredictionDefaults = defaults })).Should().BeEmpty();
        PipelineValidator.Validate(PipelineSpecs.WithStep("ensemble", s => s with { PredictionDefaults = defaults })).Should().BeEmpty();

        PipelineValidator.Validate(PipelineSpecs.WithStep("audit", s => s with { PredictionDefaults = defaults }))
            .Should().ContainSingle().Which.Message.Should().Contain("spec.steps[5].predictionDefaults").And.Contain("only to steps that call models");
        PipelineValidator.Validate(PipelineSpecs.WithStep("preprocess", s => s with { PredictionDefaults = new PredictionDefaults { Parameters = Json("""{"x":[1]}""") } }))
            .Should().ContainSingle().Which.Field.Should().Be("spec.steps[0].predictionDefaults.parameters");
        PipelineValidator.Validate(PipelineSpecs.EveryKind() with { Auth = new AuthSpec { BearerTokens = new AuthBearerTokens { SecretName = "" } } })
            .Should().ContainSingle().Which.Field.Should().Be("spec.auth.bearerTokens.secretName");
    }

    [Fact]
    public void Step_defaults_reach_the_pipeline_table_and_bad_table_defaults_are_refused()
    {
        var spec = PipelineSpecs.WithStep("preprocess", s => s with { PredictionDefaults = new PredictionDefaults { Parameters = Json("""{"unit":"cm"}""") } });
        var table = PipelineRoutingTableBuilder.Build("p", 1, spec, (_, _) => new ResolvedStepModel("http://x:1", "m", "v1"));
        table.Pipeline!.Steps[0].PredictionDefaults!.Parameters["unit"].GetString().Should().Be("cm");
        table.Pipeline.Steps[1].PredictionDefaults.Should().BeNull();
        RoutingTable.Parse(table.Serialize()).Pipeline!.Steps[0].PredictionDefaults!.Override.Should().BeFalse();

        var bad = table with { Pipeline = table.Pipeline with { Steps = [.. table.Pipeline.Steps.Select(s => s.Kind == StepKind.Audit ? s with { PredictionDefaults = new ParameterDefaults { Parameters = new Dictionary<string, JsonElement> { ["x"] = Json("1") } } } : s)] } };
        bad.Validate().Should().ContainSingle().Which.Should().Contain("step 'audit'").And.Contain("only to steps that call models");
    }

    [Fact]
    public void A_table_with_a_nested_default_is_refused_by_the_router()
    {
        var json = """{"generation":1,"modelName":"iris","backends":[{"name":"c","version":"v1","role":"champion","url":"http://x:1","modelName":"iris"}],"predictionDefaults":{"parameters":{"a":{"b":1}}}}""";
        var parse = () => RoutingTable.Parse(json);
        parse.Should().Throw<RoutingTableException>().WithMessage("*predictionDefaults: parameter 'a' must be a string, number or boolean (got an object)*");
        RoutingTable.Parse(json.Replace("""{"b":1}""", "\"yes\"", StringComparison.Ordinal)).PredictionDefaults!.Parameters["a"].GetString().Should().Be("yes");
    }
}
