using System.Net;
using Modelship.Api.Routing;
using Modelship.Serving.Protocol;
using Modelship.Serving.Tests.Routing;
using static Modelship.Serving.Tests.Pipelines.PipelineTables;

namespace Modelship.Serving.Tests.Pipelines;

public class PipelineValidationTests
{
    private static RoutingStep Checks(bool reject) => new()
    {
        Name = "checks",
        Kind = StepKind.Validations,
        Validations =
        [
            new StepValidation { Name = "confident", Expression = "outputs.p.exists(p, p > 0.9)" },
            new StepValidation { Name = "known-label", Expression = "outputs.label.all(l, l < 3)" },
            new StepValidation { Name = "has-input", Expression = "size(inputs.x) == 1" },
        ],
        RejectOnFailure = reject,
    };

    [Fact]
    public async Task Failed_checks_are_counted_and_returned_in_the_parameters_and_the_answer_goes_on()
    {
        await using var model = await FakeTensorServer.FixedAsync("m-v1", InferenceTensor.FromArray("p", [2], new[] { 0.5f, 0.5f }), InferenceTensor.FromArray("label", [1], new[] { 2L }));
        await using var router = await RouterAsync(Table(1, Step("m", StepKind.Model, Model("m", model)), Checks(reject: false)));
        using var metrics = new MetricsRecorder(router.Host.Metrics.Meter);

        var (response, answer) = await router.InferAsync(Request("x", [1]));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PipelineRouter.Output(answer, "label").Should().Equal(2);
        var failures = answer["parameters"]!["check_failures"]!.AsArray();
        failures.Should().ContainSingle();
        ((string?)failures[0]!["step"]).Should().Be("checks");
        ((string?)failures[0]!["validation"]).Should().Be("confident");
        ((string?)failures[0]!["reason"]).Should().Be("'outputs.p.exists(p, p > 0.9)' is false");
        metrics.Sum("modelship_pipeline_check_failures_total", ("pipeline", "pipe"), ("step", "checks"), ("validation", "confident")).Should().Be(1);
        metrics.Sum("modelship_pipeline_check_failures_total", ("validation", "known-label")).Should().Be(0);
    }

    [Fact]
    public async Task Reject_answers_422_with_the_failed_checks_and_a_check_that_cannot_be_evaluated_fails()
    {
        await using var model = await FakeTensorServer.FixedAsync("m-v1", InferenceTensor.FromArray("label", [1], new[] { 7L }));
        await using var router = await RouterAsync(Table(1, Step("m", StepKind.Model, Model("m", model)), Checks(reject: true)));

        var (response, error) = await router.InferAsync(Request("x", [1]));

        response.StatusCode.Should().Be((HttpStatusCode)422);
        ((string?)error["step"]).Should().Be("checks");
        var failures = error["check_failures"]!.AsArray().Select(f => (string)f!["validation"]!).ToList();
        failures.Should().Equal("confident", "known-label");
        ((string?)error["check_failures"]![0]!["reason"]).Should().Contain("could not be evaluated", "there is no output p");
        error.ContainsKey("outputs").Should().BeFalse();
    }

    [Fact]
    public async Task A_table_whose_expression_does_not_compile_is_refused_and_the_served_one_stays()
    {
        await using var model = await FakeTensorServer.FixedAsync("m-v1", InferenceTensor.FromArray("label", [1], new[] { 1L }));
        var good = Table(1, Step("m", StepKind.Model, Model("m", model)));
        await using var router = await RouterAsync(good);

        var bad = Table(2, Step("m", StepKind.Model, Model("m", model)), new RoutingStep
        {
            Name = "checks",
            Kind = StepKind.Validations,
            Validations = [new StepValidation { Name = "broken", Expression = "outputs.label[0] <" }],
        });
        var update = () => router.Host.Update(bad);

        update.Should().Throw<RoutingTableException>().WithMessage("*step 'checks'*validation 'broken'*does not parse*");
        router.Host.Tables.ServedGeneration.Should().Be(1);
    }
}
