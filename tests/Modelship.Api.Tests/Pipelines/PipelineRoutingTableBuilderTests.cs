using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Tests.Pipelines;

public class PipelineRoutingTableBuilderTests
{
    private static ResolvedStepModel Resolve(string step, StepModel model) => model.ModelDeploymentRef is { } reference
        ? new ResolvedStepModel($"http://{reference.Name}.default.svc:8080", reference.Name, "active")
        : new ResolvedStepModel($"http://{step}-{model.EffectiveName(step)}.default.svc:8080", $"{step}-{model.EffectiveName(step)}", model.Model!.Version);

    [Fact]
    public void Every_step_kind_becomes_a_valid_table_step_with_resolved_models()
    {
        var table = PipelineRoutingTableBuilder.Build("fraud", 7, PipelineSpecs.EveryKind(), Resolve);

        table.Validate().Should().BeEmpty();
        table.Generation.Should().Be(7);
        table.ModelName.Should().Be("fraud");
        table.Backends.Should().BeEmpty();
        var steps = table.Pipeline!.Steps;
        steps.Select(s => s.Kind).Should().Equal(
            StepKind.Model, StepKind.KeySplit, StepKind.RandomSplit, StepKind.MultiModel, StepKind.ShadowDeploy, StepKind.Audit, StepKind.Select, StepKind.Validations);
        steps[0].Models.Should().ContainSingle().Which.Should().Be(new StepBackend
        {
            Name = "preprocess",
            Version = "v1",
            Url = "http://preprocess-preprocess.default.svc:8080",
            ModelName = "preprocess-preprocess",
        });
        steps[1].Key.Should().Be(new StepKey { Source = StepKeySource.Parameter, Name = "country", Index = 0 });
        steps[1].Routes.Should().Equal(new Dictionary<string, string> { ["fr"] = "iris-eu", ["de"] = "iris-eu" });
        steps[1].Default.Should().Be("iris");
        steps[1].Models.Select(m => (m.Name, m.Url)).Should().Equal(("iris", "http://iris.default.svc:8080"), ("iris-eu", "http://by-country-iris-eu.default.svc:8080"));
        steps[2].Models.Select(m => (m.Name, m.Weight)).Should().Equal(("a", 1), ("b", 2));
        steps[2].InputMap.Should().Equal(new Dictionary<string, string> { ["input"] = "features" });
        steps[2].Key!.Source.Should().Be(StepKeySource.Header);
        steps[3].Combine.Should().Be(StepCombine.Mean);
        steps[4].Champion.Should().Be("iris");
        steps[4].Models.Select(m => m.Name).Should().Equal("iris", "deep");
        steps[5].Slice.Should().Be("0:2");
        steps[6].Index.Should().Be(0);
        steps[7].Validations.Should().ContainSingle().Which.Name.Should().Be("known-class");
        steps[7].RejectOnFailure.Should().BeTrue();
        table.Log.Should().Be(new InferenceLogSettings { SampleRate = 0.5 });
    }

    [Fact]
    public void The_table_round_trips_through_json()
    {
        var table = PipelineRoutingTableBuilder.Build("fraud", 7, PipelineSpecs.EveryKind(), Resolve);

        var parsed = RoutingTable.Parse(table.Serialize());

        parsed.Serialize(indented: true).Should().Be(table.Serialize(indented: true));
        parsed.Pipeline!.Steps[4].Models.Should().HaveCount(2);
    }

    [Fact]
    public void Audit_steps_get_log_settings_even_when_predictions_are_not_collected()
    {
        var spec = PipelineSpecs.EveryKind() with { Monitoring = null };

        var table = PipelineRoutingTableBuilder.Build("fraud", 1, spec, Resolve);

        table.Log.Should().Be(new InferenceLogSettings { SampleRate = 0, LogFailures = false, IncludeInputs = false, IncludeOutputs = false });
        table.Validate().Should().BeEmpty();
    }

    public static TheoryData<string, string> InvalidTables => new()
    {
        { "backends beside a pipeline", "has no backends, stickyKey, keySplit or predictionWarnings of its own" },
        { "duplicate step", "step 'preprocess': name is used by more than one step" },
        { "model step with two models", "step 'preprocess': a Model step needs exactly 1 model(s) (got 2)" },
        { "route to a missing model", "step 'by-country': routes['fr'] names model 'gone'" },
        { "champion missing", "step 'classify': champion names model 'nobody'" },
        { "bad url", "step 'preprocess': model 'preprocess': url must be an absolute http or https URL" },
        { "bad slice", "step 'audit': slice 'x' is not a slice" },
        { "bad expression", "step 'checks': validation 'known-class': the CEL expression does not parse" },
        { "audit without log settings", "step 'audit': an audit step logs, so the table needs log settings" },
        { "random weight 0", "step 'ab': model 'a' needs a weight between 1 and 1000 (got 0)" },
    };

    [Theory]
    [MemberData(nameof(InvalidTables))]
    public void Invalid_pipeline_tables_name_the_step(string name, string problem)
    {
        var table = PipelineRoutingTableBuilder.Build("fraud", 1, PipelineSpecs.EveryKind(), Resolve);
        var steps = table.Pipeline!.Steps;
        RoutingStep Step(string step) => steps.Single(s => s.Name == step);
        RoutingTable Replace(string step, RoutingStep with) =>
            table with { Pipeline = new RoutingPipeline { Steps = [.. steps.Select(s => s.Name == step ? with : s)] } };
        var broken = name switch
        {
            "backends beside a pipeline" => table with { Backends = [new RoutingBackend { Name = "c", Version = "v1", Role = BackendRole.Champion, Url = "http://a", ModelName = "m" }] },
            "duplicate step" => Replace("by-country", Step("by-country") with { Name = "preprocess" }),
            "model step with two models" => Replace("preprocess", Step("preprocess") with { Models = [.. Step("preprocess").Models, Step("preprocess").Models[0] with { Name = "other" }] }),
            "route to a missing model" => Replace("by-country", Step("by-country") with { Routes = new Dictionary<string, string> { ["fr"] = "gone" } }),
            "champion missing" => Replace("classify", Step("classify") with { Champion = "nobody" }),
            "bad url" => Replace("preprocess", Step("preprocess") with { Models = [Step("preprocess").Models[0] with { Url = "preprocess:8080" }] }),
            "bad slice" => Replace("audit", Step("audit") with { Slice = "x" }),
            "bad expression" => Replace("checks", Step("checks") with { Validations = [new StepValidation { Name = "known-class", Expression = "(" }] }),
            "audit without log settings" => table with { Log = null },
            "random weight 0" => Replace("ab", Step("ab") with { Models = [Step("ab").Models[0] with { Weight = 0 }, Step("ab").Models[1]] }),
            _ => throw new ArgumentException(name),
        };

        broken.Validate().Should().Contain(e => e.Contains(problem, StringComparison.Ordinal), $"got: {string.Join(" | ", broken.Validate())}");
    }
}
