using System.Net;
using Modelship.Api.Routing;
using Modelship.Serving.Protocol;
using Modelship.Serving.Tests.Routing;
using static Modelship.Serving.Tests.Pipelines.PipelineTables;

namespace Modelship.Serving.Tests.Pipelines;

/// <summary>Every failure names the step it happened in, as <c>{"error": ..., "step": ...}</c>.</summary>
public class PipelineErrorTests
{
    [Fact]
    public async Task A_step_whose_model_fails_answers_502_naming_the_step_and_counts_it()
    {
        await using var first = await FakeTensorServer.LinearAsync("first-v1", "x", "y", 2);
        await using var second = await FakeTensorServer.LinearAsync("second-v1", "y", "z", 2);
        second.FailWith = 500;
        await using var router = await RouterAsync(Table(1, Step("first", StepKind.Model, Model("first", first)), Step("second", StepKind.Model, Model("second", second))));
        using var metrics = new MetricsRecorder(router.Host.Metrics.Meter);

        var (response, error) = await router.InferAsync(Request("x", [1]));

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        ((string?)error["step"]).Should().Be("second");
        ((string?)error["error"]).Should().Be("step 'second': model 'second' (version second-v1) answered 500: second-v1 fails on purpose");
        metrics.Sum("modelship_pipeline_step_errors_total", ("pipeline", "pipe"), ("step", "second"), ("reason", "status")).Should().Be(1);
        metrics.Sum("modelship_requests_total", ("model", "pipe"), ("role", "pipeline"), ("code", "502")).Should().Be(1);
    }

    [Fact]
    public async Task A_step_that_times_out_answers_504_and_an_unreachable_one_502()
    {
        await using var slow = await FakeTensorServer.LinearAsync("slow-v1", "x", "y", 1);
        slow.Delay = TimeSpan.FromSeconds(5);
        await using var router = await RouterAsync(Table(1, Step("slow", StepKind.Model, Model("slow", slow))), timeout: TimeSpan.FromMilliseconds(300));

        var (timedOut, timeoutError) = await router.InferAsync(Request("x", [1]));
        router.Host.Update(Table(2, Step("gone", StepKind.Model, new StepBackend { Name = "gone", Version = "v1", Url = TestRouter.UnreachableUrl(), ModelName = "gone" })));
        var (unreachable, unreachableError) = await router.InferAsync(Request("x", [1]));

        timedOut.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        ((string?)timeoutError["step"]).Should().Be("slow");
        unreachable.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        ((string?)unreachableError["step"]).Should().Be("gone");
        ((string?)unreachableError["error"]).Should().Contain("is unreachable");
    }

    [Fact]
    public async Task Tensors_that_do_not_fit_are_the_callers_400_before_any_model_answered_and_502_after()
    {
        await using var model = await FakeTensorServer.LinearAsync("m-v1", "x", "y", 1);
        var mapped = Step("m", StepKind.Model, Model("m", model)) with { InputMap = new Dictionary<string, string> { ["x"] = "features" } };
        await using var router = await RouterAsync(Table(1, mapped));

        var (callers, callersError) = await router.InferAsync(Request("x", [1]));
        router.Host.Update(Table(2, Step("first", StepKind.Model, Model("first", model)), mapped));
        var (pipelines, pipelinesError) = await router.InferAsync(Request("x", [1]));

        callers.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string?)callersError["error"]).Should().Be("step 'm': input 'x' maps to tensor 'features', which is not among the tensors it receives (x)");
        pipelines.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        ((string?)pipelinesError["step"]).Should().Be("m");
    }

    [Fact]
    public async Task The_first_models_4xx_is_the_callers_and_a_malformed_request_names_no_step()
    {
        await using var model = await FakeTensorServer.LinearAsync("m-v1", "x", "y", 1);
        await using var router = await RouterAsync(Table(1, Step("m", StepKind.Model, Model("m", model))));

        var (rejected, rejectedError) = await router.InferAsync("""{"inputs":[{"name":"x","shape":[2],"datatype":"FP32","data":[1]}]}""");
        var (malformed, malformedError) = await router.InferAsync("""{"inputs": 3}""");

        rejected.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string?)rejectedError["step"]).Should().Be("m");
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        malformedError.ContainsKey("step").Should().BeFalse();
        ((string?)malformedError["error"]).Should().Contain("'inputs' must be an array");
    }

    [Fact]
    public async Task Metadata_and_readiness_describe_the_pipeline_and_other_names_are_404()
    {
        await using var model = await FakeTensorServer.LinearAsync("m-v1", "x", "y", 1);
        await using var router = await RouterAsync(Table(3, Step("m", StepKind.Model, Model("m", model))));

        var metadata = System.Text.Json.Nodes.JsonNode.Parse(await router.Client.GetStringAsync("v2/models/pipe"))!;
        using var ready = await router.Client.GetAsync("v2/models/pipe/versions/3/ready");
        using var otherVersion = await router.Client.GetAsync("v2/models/pipe/versions/2/ready");
        using var otherModel = await router.Client.PostAsync("v2/models/iris/infer", new StringContent(Request("x", [1])));

        ((string?)metadata["platform"]).Should().Be("modelship-pipeline");
        metadata["versions"]!.AsArray().Select(v => (string?)v).Should().Equal("3");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        otherVersion.StatusCode.Should().Be(HttpStatusCode.NotFound);
        otherModel.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_router_serves_one_kind_of_table()
    {
        await using var model = await FakeTensorServer.LinearAsync("m-v1", "x", "y", 1);
        await using var router = await RouterAsync(Table(1, Step("m", StepKind.Model, Model("m", model))));

        var replace = () => router.Host.Update(TestRouter.Table(2, TestRouter.BackendFor("c", BackendRole.Champion, model.Url)));

        replace.Should().Throw<RoutingTableException>().WithMessage("*serves a Pipeline*");
        router.Host.Tables.ServedGeneration.Should().Be(1);
    }

    [Fact]
    public async Task Step_metrics_record_each_steps_duration_and_requests()
    {
        await using var model = await FakeTensorServer.FixedAsync("m-v1", InferenceTensor.FromArray("label", [1], new[] { 1L }));
        await using var router = await RouterAsync(Table(1, Step("m", StepKind.Model, Model("m", model)), new RoutingStep { Name = "pick", Kind = StepKind.Select, Index = 0 }));
        using var metrics = new MetricsRecorder(router.Host.Metrics.Meter);

        for (var i = 0; i < 3; i++)
        {
            (await router.InferAsync(Request("x", [1]))).Response.Dispose();
        }

        metrics.Count("modelship_pipeline_step_duration_seconds", ("pipeline", "pipe"), ("step", "m")).Should().Be(3);
        metrics.Sum("modelship_pipeline_step_requests_total", ("pipeline", "pipe"), ("step", "pick")).Should().Be(3);
        var exposition = await router.Client.GetStringAsync("metrics");
        exposition.Split('\n').Should().Contain(line => line.StartsWith("modelship_pipeline_step_duration_seconds_count{", StringComparison.Ordinal)
            && line.Contains("step=\"m\"", StringComparison.Ordinal) && line.EndsWith(" 3", StringComparison.Ordinal));
    }
}
