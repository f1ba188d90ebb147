using System.Net;
using Modelship.Api.Routing;
using Modelship.Serving.Protocol;
using Modelship.Serving.Tests.Routing;
using static Modelship.Serving.Tests.Pipelines.PipelineTables;

namespace Modelship.Serving.Tests.Pipelines;

/// <summary>Every step kind, through a real router and Fake model servers (real Kestrel, computed answers).</summary>
public class PipelineStepTests
{
    [Fact]
    public async Task Model_steps_chain_tensors_by_name_with_an_input_map()
    {
        await using var scale = await FakeTensorServer.LinearAsync("scale-v1", input: "x", output: "y", factor: 2);
        await using var shift = await FakeTensorServer.LinearAsync("shift-v3", input: "x", output: "z", factor: 1, offset: 1);
        await using var router = await RouterAsync(Table(
            4,
            Step("scale", StepKind.Model, Model("scale", scale)),
            Step("shift", StepKind.Model, Model("shift", shift)) with { InputMap = new Dictionary<string, string> { ["x"] = "y" } }));

        var (response, answer) = await router.InferAsync(Request("x", [1, 2.5f]));

        response.StatusCode.Should().Be(HttpStatusCode.OK, answer.ToJsonString());
        PipelineRouter.Output(answer, "z").Should().Equal(3, 6);
        ((string?)answer["model_name"]).Should().Be(Name);
        ((string?)answer["model_version"]).Should().Be("4");
        ((string?)answer["id"]).Should().Be("r1");
        PipelineRouter.StepModels(response).Should().Be("scale:scale@scale-v1,shift:shift@shift-v3");
        response.Headers.GetValues("x-modelship-routing-generation").Should().Equal("4");
        shift.LastRequest!.Inputs.Select(i => i.Name).Should().Equal("x");
    }

    [Theory]
    [InlineData("parameter", "fr", "eu")]
    [InlineData("parameter", "us", "world")]
    [InlineData("header", "fr", "eu")]
    [InlineData("input", "3", "eu")]
    [InlineData("input", "9", "world")]
    public async Task Key_split_routes_by_parameter_header_or_input_element(string source, string value, string expected)
    {
        await using var eu = await FakeTensorServer.LinearAsync("eu-v1", "x", "y", 1);
        await using var world = await FakeTensorServer.LinearAsync("world-v1", "x", "y", 1);
        var key = source switch
        {
            "parameter" => new StepKey { Source = StepKeySource.Parameter, Name = "country" },
            "header" => new StepKey { Source = StepKeySource.Header, Name = "x-country" },
            _ => new StepKey { Source = StepKeySource.Input, Name = "x", Index = 1 },
        };
        await using var router = await RouterAsync(Table(1, Step("route", StepKind.KeySplit, Model("eu", eu), Model("world", world)) with
        {
            Key = key,
            Routes = new Dictionary<string, string> { ["fr"] = "eu", ["3"] = "eu" },
            Default = "world",
        }));

        var body = source == "input" ? Request("x", [1, float.Parse(value, System.Globalization.CultureInfo.InvariantCulture)]) : Request("x", [1], $$""","parameters":{"country":"{{value}}"}""");
        var (response, _) = await router.InferAsync(body, r => r.Headers.Add("x-country", value));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PipelineRouter.StepModels(response).Should().StartWith($"route:{expected}@");
    }

    [Fact]
    public async Task Random_split_follows_the_weights_and_a_hash_key_keeps_a_caller_on_one_model()
    {
        await using var a = await FakeTensorServer.LinearAsync("a-v1", "x", "y", 1);
        await using var b = await FakeTensorServer.LinearAsync("b-v1", "x", "y", 1);
        await using var router = await RouterAsync(Table(1, Step("ab", StepKind.RandomSplit, Model("a", a, weight: 1), Model("b", b, weight: 3)) with
        {
            Key = new StepKey { Source = StepKeySource.Header, Name = "x-user" },
        }));

        var choices = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var (response, _) = await router.InferAsync(Request("x", [1]));
            choices.Add(PipelineRouter.StepModels(response));
        }
        var sticky = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            var (response, _) = await router.InferAsync(Request("x", [1]), r => r.Headers.Add("x-user", "alice"));
            sticky.Add(PipelineRouter.StepModels(response));
        }

        (choices.Count(c => c.StartsWith("ab:b@", StringComparison.Ordinal)) / 200.0).Should().BeApproximately(0.75, 0.1);
        sticky.Should().ContainSingle();
    }

    [Theory]
    [InlineData(StepCombine.Concat)]
    [InlineData(StepCombine.Mean)]
    [InlineData(StepCombine.Vote)]
    [InlineData(StepCombine.First)]
    public async Task Multi_model_combines_the_outputs_of_its_models(StepCombine combine)
    {
        await using var one = await FakeTensorServer.FixedAsync("one-v1", InferenceTensor.FromArray("p", [2], new[] { 0.2f, 0.8f }), InferenceTensor.FromArray("label", [2], new[] { 1L, 2L }));
        await using var two = await FakeTensorServer.FixedAsync("two-v1", InferenceTensor.FromArray("p", [2], new[] { 0.4f, 0.6f }), InferenceTensor.FromArray("label", [2], new[] { 0L, 2L }));
        await using var three = await FakeTensorServer.FixedAsync("three-v1", InferenceTensor.FromArray("p", [2], new[] { 0.6f, 0.4f }), InferenceTensor.FromArray("label", [2], new[] { 0L, 1L }));
        await using var router = await RouterAsync(Table(1, Step("ensemble", StepKind.MultiModel, Model("one", one), Model("two", two), Model("three", three)) with { Combine = combine }));

        var (response, answer) = await router.InferAsync(Request("x", [1]));

        response.StatusCode.Should().Be(HttpStatusCode.OK, answer.ToJsonString());
        switch (combine)
        {
            case StepCombine.Concat:
                PipelineRouter.OutputNames(answer).Should().Equal(
                    "ensemble.one.p", "ensemble.one.label", "ensemble.two.p", "ensemble.two.label", "ensemble.three.p", "ensemble.three.label");
                PipelineRouter.Output(answer, "ensemble.two.label").Should().Equal(0, 2);
                break;
            case StepCombine.Mean:
                PipelineRouter.Output(answer, "p").Should().BeEquivalentTo([0.4, 0.6], o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-6)).WhenTypeIs<double>());
                PipelineRouter.Output(answer, "label").Should().BeEquivalentTo([1 / 3.0, 5 / 3.0], o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-9)).WhenTypeIs<double>());
                break;
            case StepCombine.Vote:
                PipelineRouter.Output(answer, "label").Should().Equal(0, 2);
                break;
            default:
                PipelineRouter.Output(answer, "label").Should().Equal(1, 2);
                break;
        }
        PipelineRouter.StepModels(response).Split(',').Should().HaveCount(3);
    }

    [Fact]
    public async Task Multi_model_first_skips_a_model_that_fails_and_the_others_need_every_model()
    {
        await using var broken = await FakeTensorServer.FixedAsync("broken-v1", InferenceTensor.FromArray("label", [1], new[] { 7L }));
        broken.FailWith = 500;
        await using var good = await FakeTensorServer.FixedAsync("good-v1", InferenceTensor.FromArray("label", [1], new[] { 3L }));
        var step = Step("ensemble", StepKind.MultiModel, Model("broken", broken), Model("good", good));
        await using var router = await RouterAsync(Table(1, step with { Combine = StepCombine.First }));

        var (first, answer) = await router.InferAsync(Request("x", [1]));
        router.Host.Update(Table(2, step with { Combine = StepCombine.Vote }));
        var (vote, error) = await router.InferAsync(Request("x", [1]));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        PipelineRouter.Output(answer, "label").Should().Equal(3);
        vote.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        ((string?)error["step"]).Should().Be("ensemble");
        ((string?)error["error"]).Should().Contain("model 'broken'").And.Contain("answered 500");
    }

    [Fact]
    public async Task Shadow_deploy_answers_with_the_champion_and_mirrors_and_compares_each_challenger()
    {
        await using var champion = await FakeTensorServer.FixedAsync("champion-v1", InferenceTensor.FromArray("label", [2], new[] { 1L, 2L }));
        await using var agreeing = await FakeTensorServer.FixedAsync("agreeing-v2", InferenceTensor.FromArray("label", [2], new[] { 1L, 2L }));
        await using var disagreeing = await FakeTensorServer.FixedAsync("disagreeing-v3", InferenceTensor.FromArray("label", [2], new[] { 0L, 2L }));
        await using var router = await RouterAsync(Table(1, Step("classify", StepKind.ShadowDeploy, Model("champ", champion), Model("agree", agreeing), Model("disagree", disagreeing)) with
        {
            Champion = "champ",
        }));
        using var metrics = new MetricsRecorder(router.Host.Metrics.Meter);

        for (var i = 0; i < 5; i++)
        {
            var (response, answer) = await router.InferAsync(Request("x", [1]));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            PipelineRouter.Output(answer, "label").Should().Equal(1, 2);
            PipelineRouter.StepModels(response).Should().Be("classify:champ@champion-v1", "challengers are off the request path");
        }

        await Eventually.WaitUntilAsync(() => metrics.Sum("modelship_shadow_comparisons_total", ("model", "pipe/classify")) >= 20);
        metrics.Sum("modelship_shadow_agreements_total", ("model", "pipe/classify"), ("version", "agreeing-v2")).Should().Be(10);
        metrics.Sum("modelship_shadow_agreements_total", ("model", "pipe/classify"), ("version", "disagreeing-v3")).Should().Be(5);
        agreeing.LastRequest!.Inputs.Select(i => i.Name).Should().Equal("x");
    }

    [Fact]
    public async Task Select_keeps_the_tensor_at_its_index_and_names_the_step_when_there_is_none()
    {
        await using var model = await FakeTensorServer.FixedAsync("m-v1", InferenceTensor.FromArray("p", [1], new[] { 0.5f }), InferenceTensor.FromArray("label", [1], new[] { 2L }));
        await using var router = await RouterAsync(Table(1, Step("m", StepKind.Model, Model("m", model)), new RoutingStep { Name = "pick", Kind = StepKind.Select, Index = 1 }));

        var (ok, answer) = await router.InferAsync(Request("x", [1]));
        router.Host.Update(Table(2, Step("m", StepKind.Model, Model("m", model)), new RoutingStep { Name = "pick", Kind = StepKind.Select, Index = 5 }));
        var (failed, error) = await router.InferAsync(Request("x", [1]));

        PipelineRouter.OutputNames(answer).Should().Equal("label");
        failed.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        ((string?)error["step"]).Should().Be("pick");
        ((string?)error["error"]).Should().Contain("selects tensor 5, but it receives 2 (p, label)");
    }

    [Fact]
    public async Task Requested_outputs_filter_the_answer()
    {
        await using var model = await FakeTensorServer.FixedAsync("m-v1", InferenceTensor.FromArray("p", [1], new[] { 0.5f }), InferenceTensor.FromArray("label", [1], new[] { 2L }));
        await using var router = await RouterAsync(Table(1, Step("m", StepKind.Model, Model("m", model))));

        var (_, answer) = await router.InferAsync("""{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1]}],"outputs":[{"name":"label"}]}""");

        PipelineRouter.OutputNames(answer).Should().Equal("label");
        model.LastRequest!.Outputs.Should().BeNull("the caller's requested outputs are the pipeline's, not the first model's");
    }
}
