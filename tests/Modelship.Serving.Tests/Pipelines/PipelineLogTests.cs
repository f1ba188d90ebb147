using System.Net;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.Serving.Protocol;
using Modelship.Serving.Tests.InferenceLog;
using Modelship.Serving.Tests.Routing;
using static Modelship.Serving.Tests.Pipelines.PipelineTables;

namespace Modelship.Serving.Tests.Pipelines;

/// <summary>One inference log entry per pipeline request, with every step's models, versions and tensors.</summary>
public class PipelineLogTests
{
    [Fact]
    public async Task Each_request_is_one_entry_with_its_steps_and_logs_filter_by_step_and_validity()
    {
        using var directory = new LogDirectory();
        await using var scale = await FakeTensorServer.LinearAsync("scale-v1", "x", "y", 2);
        await using var classify = await FakeTensorServer.FixedAsync("classify-v7", InferenceTensor.FromArray("p", [1], new[] { 0.5f }), InferenceTensor.FromArray("label", [1], new[] { 1L }));
        var table = Table(
            1,
            Step("scale", StepKind.Model, Model("scale", scale)),
            Step("classify", StepKind.Model, Model("classify", classify)) with { InputMap = new Dictionary<string, string> { ["features"] = "y" } },
            new RoutingStep { Name = "keep", Kind = StepKind.Audit, Slice = "1:" },
            new RoutingStep { Name = "checks", Kind = StepKind.Validations, Validations = [new StepValidation { Name = "sure", Expression = "outputs.p[0] > 0.9" }] })
            with
        { Log = new InferenceLogSettings { SampleRate = 1 } };
        await using var router = await RouterAsync(table, directory.Path);

        var (response, _) = await router.InferAsync(Request("x", [1, 2]));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonElement[] entries = [];
        await Eventually.WaitUntilAsync(() => (entries = Logs(router, "").GetAwaiter().GetResult()).Length == 1);

        var entry = entries[0];
        entry.GetProperty("model").GetString().Should().Be("pipe");
        entry.GetProperty("role").GetString().Should().Be("pipeline");
        entry.GetProperty("id").GetString().Should().Be("r1");
        entry.GetProperty("valid").GetBoolean().Should().BeFalse("the check failed");
        entry.GetProperty("checkFailures")[0].GetString().Should().Be("checks/sure: 'outputs.p[0] > 0.9' is false");
        var steps = entry.GetProperty("steps").EnumerateArray().ToArray();
        steps.Select(s => s.GetProperty("name").GetString()).Should().Equal("scale", "classify", "keep", "checks");
        steps[0].GetProperty("models")[0].GetProperty("version").GetString().Should().Be("scale-v1");
        steps[0].GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).Should().Equal(2, 4);
        steps[1].GetProperty("inputs")[0].GetProperty("name").GetString().Should().Be("features");
        steps[1].GetProperty("models")[0].GetProperty("version").GetString().Should().Be("classify-v7");
        steps[2].GetProperty("audit").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Should().Equal("label");
        steps[3].GetProperty("checkFailures")[0].GetString().Should().StartWith("checks/sure");
        (await Logs(router, "?step=classify&valid=false")).Should().HaveCount(1);
        (await Logs(router, "?step=nope")).Should().BeEmpty();
        (await Logs(router, "?valid=true")).Should().BeEmpty();
    }

    [Fact]
    public async Task An_audited_request_is_logged_even_when_predictions_are_not_sampled()
    {
        using var directory = new LogDirectory();
        await using var model = await FakeTensorServer.FixedAsync("m-v1", InferenceTensor.FromArray("label", [1], new[] { 1L }));
        var table = Table(1, Step("m", StepKind.Model, Model("m", model)), new RoutingStep { Name = "keep", Kind = StepKind.Audit, Slice = ":" }) with
        {
            Log = new InferenceLogSettings { SampleRate = 0, LogFailures = false, IncludeInputs = false, IncludeOutputs = false },
        };
        await using var router = await RouterAsync(table, directory.Path);

        (await router.InferAsync(Request("x", [1]))).Response.Dispose();
        JsonElement[] entries = [];
        await Eventually.WaitUntilAsync(() => (entries = Logs(router, "").GetAwaiter().GetResult()).Length == 1);

        var keep = entries[0].GetProperty("steps")[1];
        keep.GetProperty("audit")[0].GetProperty("name").GetString().Should().Be("label");
        keep.TryGetProperty("outputs", out _).Should().BeFalse("the table logs no tensors but the audited slice");
        entries[0].TryGetProperty("inputs", out _).Should().BeFalse();
    }

    private static async Task<JsonElement[]> Logs(PipelineRouter router, string query)
    {
        using var document = JsonDocument.Parse(await router.Client.GetStringAsync("v2/logs" + query));
        return [.. document.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone())];
    }
}
