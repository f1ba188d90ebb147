using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;

namespace Modelship.Api.Tests.Pipelines;

public class PipelineValidatorTests
{
    [Fact]
    public void A_pipeline_with_every_step_kind_is_valid()
    {
        PipelineValidator.Validate(PipelineSpecs.EveryKind(), name => name == "iris").Should().BeEmpty();
    }

    public static TheoryData<string, string, string> InvalidSpecs => new()
    {
        { "no steps", "spec.steps", "at least one step" },
        { "duplicate step name", "spec.steps[1].name", "step 'preprocess': is also the name of spec.steps[0]" },
        { "step name not a DNS label", "spec.steps[0].name", "DNS label" },
        { "step without a kind", "spec.steps[0]", "step 'preprocess': has no kind" },
        { "step with two kinds", "spec.steps[5]", "step 'audit': sets audit and select; set exactly one kind" },
        { "model with a ref and an inline model", "spec.steps[0].model", "step 'preprocess': set exactly one of modelDeploymentRef and model" },
        { "model with neither", "spec.steps[0].model", "set exactly one of modelDeploymentRef and model" },
        { "unknown ModelDeployment", "spec.steps[4].shadowDeploy.champion.modelDeploymentRef.name", "step 'classify': ModelDeployment 'nope' does not exist" },
        { "inline model with a bad uri", "spec.steps[0].model.model.uri", "step 'preprocess': spec.steps[0].model.model.uri: 'ftp://x/m.onnx' must start with one of" },
        { "inline runtime name with args", "spec.steps[0].model.model.runtime.name", "excludes image and args" },
        { "multiModel with one model", "spec.steps[3].multiModel.models", "step 'ensemble': needs at least 2 models (got 1)" },
        { "multiModel with two unnamed inline models", "spec.steps[3].multiModel.models[1].name", "'ensemble' names two models of the step" },
        { "unknown combine", "spec.steps[3].multiModel.combine", "unknown combine" },
        { "key split option to an unknown model", "spec.steps[1].keySplit.options[1].model", "step 'by-country': 'nope' is not one of the step's models (iris, iris-eu)" },
        { "key split default to an unknown model", "spec.steps[1].keySplit.default", "'gone' is not one of the step's models" },
        { "key split duplicate value", "spec.steps[1].keySplit.options[1].value", "'fr' has more than one option" },
        { "key split index on a header", "spec.steps[1].keySplit.metaKey.index", "applies to source input only" },
        { "random split weight 0", "spec.steps[2].randomSplit.options[0].weight", "step 'ab': must be between 1 and 1000 (got 0)" },
        { "random split model twice", "spec.steps[2].randomSplit.options[1].model", "'a' has more than one option" },
        { "random split without options", "spec.steps[2].randomSplit.options", "needs at least one option" },
        { "shadow deploy without challengers", "spec.steps[4].shadowDeploy.challengers", "step 'classify': needs at least 1 model (got 0)" },
        { "shadow deploy champion named like a challenger", "spec.steps[4].shadowDeploy.champion.name", "is also a challenger's name" },
        { "slice that does not parse", "spec.steps[5].audit.slice", "step 'audit': '1-3' is not a slice" },
        { "negative select index", "spec.steps[6].select.index", "step 'label-only': must not be negative" },
        { "CEL that does not parse", "spec.steps[7].validations.checks[0].expression", "step 'checks': check 'known-class': the CEL expression does not parse" },
        { "CEL with an unknown variable", "spec.steps[7].validations.checks[0].expression", "unknown variable" },
        { "CEL with an unknown function", "spec.steps[7].validations.checks[0].expression", "unknown function" },
        { "duplicate check names", "spec.steps[7].validations.checks[1].name", "'known-class' names two checks" },
        { "no checks", "spec.steps[7].validations.checks", "needs at least one check" },
        { "empty input map target", "spec.steps[2].inputMap", "step 'ab': maps 'input' to ''" },
        { "sample rate over 1", "spec.monitoring.sampleRate", "between 0 and 1" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Invalid_specs_name_the_field_and_the_step(string name, string field, string problem)
    {
        var errors = PipelineValidator.Validate(Invalid(name), deployment => deployment == "iris");

        errors.Should().ContainSingle(e => e.Field == field, $"'{name}' must be reported on {field}; got: {string.Join(" | ", errors)}")
            .Which.Message.Should().StartWith(field + ": ").And.Contain(problem);
    }

    [Fact]
    public void References_are_not_checked_without_a_lookup()
    {
        var spec = PipelineSpecs.WithStep("classify", s => s with { ShadowDeploy = s.ShadowDeploy! with { Champion = PipelineSpecs.Ref("unknown") } });

        PipelineValidator.Validate(spec).Should().BeEmpty();
        PipelineValidator.Validate(spec, _ => false).Select(e => e.Field).Should().Contain("spec.steps[4].shadowDeploy.champion.modelDeploymentRef.name");
    }

    private static PipelineSpec Invalid(string name)
    {
        static PipelineSpec Step(string step, Func<PipelineStep, PipelineStep> change) => PipelineSpecs.WithStep(step, change);
        static PipelineSpec Check(string expression) => Step("checks", s => s with
        {
            Validations = s.Validations! with { Checks = [new PipelineValidation { Name = "known-class", Expression = expression }] },
        });
        var inline = PipelineSpecs.Inline("v1");
        return name switch
        {
            "no steps" => new PipelineSpec { Steps = [] },
            "duplicate step name" => Step("by-country", s => s with { Name = "preprocess" }),
            "step name not a DNS label" => Step("preprocess", s => s with { Name = "Pre_Process" }),
            "step without a kind" => Step("preprocess", s => s with { Model = null }),
            "step with two kinds" => Step("audit", s => s with { Select = new SelectStep { Index = 0 } }),
            "model with a ref and an inline model" => Step("preprocess", s => s with { Model = inline with { ModelDeploymentRef = new ModelDeploymentReference { Name = "iris" } } }),
            "model with neither" => Step("preprocess", s => s with { Model = new StepModel { Name = "x" } }),
            "unknown ModelDeployment" => Step("classify", s => s with { ShadowDeploy = s.ShadowDeploy! with { Champion = PipelineSpecs.Ref("nope") } }),
            "inline model with a bad uri" => Step("preprocess", s => s with { Model = new StepModel { Model = inline.Model! with { Uri = "ftp://x/m.onnx" } } }),
            "inline runtime name with args" => Step("preprocess", s => s with { Model = new StepModel { Model = inline.Model! with { Runtime = new RuntimeSpec { Name = "triton", Args = ["--verbose"] } } } }),
            "multiModel with one model" => Step("ensemble", s => s with { MultiModel = s.MultiModel! with { Models = [PipelineSpecs.Ref("iris")] } }),
            "multiModel with two unnamed inline models" => Step("ensemble", s => s with { MultiModel = s.MultiModel! with { Models = [PipelineSpecs.Inline("v1"), PipelineSpecs.Inline("v2")] } }),
            "unknown combine" => Step("ensemble", s => s with { MultiModel = s.MultiModel! with { Combine = (CombineMode)9 } }),
            "key split option to an unknown model" => Step("by-country", s => s with
            {
                KeySplit = s.KeySplit! with { Options = [new KeySplitOption { Value = "fr", Model = "iris-eu" }, new KeySplitOption { Value = "it", Model = "nope" }] },
            }),
            "key split default to an unknown model" => Step("by-country", s => s with { KeySplit = s.KeySplit! with { Default = "gone" } }),
            "key split duplicate value" => Step("by-country", s => s with
            {
                KeySplit = s.KeySplit! with { Options = [new KeySplitOption { Value = "fr", Model = "iris-eu" }, new KeySplitOption { Value = "fr", Model = "iris" }] },
            }),
            "key split index on a header" => Step("by-country", s => s with
            {
                KeySplit = s.KeySplit! with { MetaKey = new MetaKey { Source = MetaKeySource.Header, Name = "x-country", Index = 1 } },
            }),
            "random split weight 0" => Step("ab", s => s with
            {
                RandomSplit = s.RandomSplit! with { Options = [new RandomSplitOption { Model = "a", Weight = 0 }, new RandomSplitOption { Model = "b", Weight = 2 }] },
            }),
            "random split model twice" => Step("ab", s => s with
            {
                RandomSplit = s.RandomSplit! with { Options = [new RandomSplitOption { Model = "a", Weight = 1 }, new RandomSplitOption { Model = "a", Weight = 2 }] },
            }),
            "random split without options" => Step("ab", s => s with { RandomSplit = s.RandomSplit! with { Options = [] } }),
            "shadow deploy without challengers" => Step("classify", s => s with { ShadowDeploy = s.ShadowDeploy! with { Challengers = [] } }),
            "shadow deploy champion named like a challenger" => Step("classify", s => s with { ShadowDeploy = s.ShadowDeploy! with { Champion = PipelineSpecs.Ref("iris", "deep") } }),
            "slice that does not parse" => Step("audit", s => s with { Audit = new AuditStep { Slice = "1-3" } }),
            "negative select index" => Step("label-only", s => s with { Select = new SelectStep { Index = -1 } }),
            "CEL that does not parse" => Check("outputs.label[0] <"),
            "CEL with an unknown variable" => Check("output.label[0] < 3"),
            "CEL with an unknown function" => Check("frobnicate(outputs.label)"),
            "duplicate check names" => Step("checks", s => s with
            {
                Validations = s.Validations! with { Checks = [.. s.Validations.Checks, new PipelineValidation { Name = "known-class", Expression = "true" }] },
            }),
            "no checks" => Step("checks", s => s with { Validations = s.Validations! with { Checks = [] } }),
            "empty input map target" => Step("ab", s => s with { InputMap = new Dictionary<string, string> { ["input"] = "" } }),
            "sample rate over 1" => PipelineSpecs.EveryKind() with { Monitoring = new PipelineMonitoringSpec { SampleRate = 1.5 } },
            _ => throw new ArgumentException(name),
        };
    }
}
