using System.Text;
using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public class PredictionBoundsTests
{
    [Fact]
    public void Counts_values_outside_each_bound_and_ignores_other_outputs()
    {
        var answer = Encoding.UTF8.GetBytes("""{"outputs":[{"name":"score","datatype":"FP32","data":[[0.5,1.5],[-0.1,1]]},{"name":"label","data":[7,8]}]}""");
        PredictionBound[] bounds =
        [
            new() { Output = "score", Min = 0, Max = 1 },
            new() { Output = "label", Max = 7 },
            new() { Output = "absent", Min = 0 },
        ];

        var results = PredictionBoundsCheck.Check(bounds, answer);

        results.Should().BeEquivalentTo(new[] { ("score", 2), ("label", 1) });
    }

    [Fact]
    public void A_bound_on_every_output_checks_each_output_by_its_name()
    {
        var answer = Encoding.UTF8.GetBytes("""{"outputs":[{"name":"score","data":[0.5,1.5]},{"name":"label","data":[7,8]},{"name":"text","data":["a"]}]}""");

        var results = PredictionBoundsCheck.Check([new PredictionBound { Output = PredictionBound.EveryOutput, Min = 0, Max = 1 }], answer);

        results.Should().BeEquivalentTo(new[] { ("score", 1), ("label", 2), ("text", 0) });
    }

    [Fact]
    public async Task Out_of_range_predictions_of_a_Fake_backend_are_counted_and_the_answer_is_unchanged()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion", scores: [0.5, 1.5]);
        await using var router = await TestRouter.StartAsync(TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString(), version: "v1")) with
        {
            PredictionWarnings = [new PredictionBound { Output = "score", Min = 0, Max = 1 }],
        });
        using var metrics = new MetricsRecorder(router.Host.Metrics.Meter);

        for (var i = 0; i < 3; i++)
        {
            using var response = await router.InferAsync(TestRouter.IrisRequest);
            (await response.Content.ReadAsStringAsync()).Should().Contain("[0.5,1.5]");
        }

        await Eventually.HoldsAsync(() => metrics.Sum("modelship_prediction_warnings_total", ("model", "iris"), ("version", "v1"), ("output", "score")) == 3);
    }
}
