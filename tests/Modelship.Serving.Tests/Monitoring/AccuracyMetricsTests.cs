using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Modelship.Api.Routing;
using Modelship.Serving.Monitoring.Actuals;

namespace Modelship.Serving.Tests.Monitoring;

/// <summary>The accuracy metrics against numpy on the same data (accuracy_reference.py, Debian python3-numpy).</summary>
public sealed class AccuracyMetricsTests
{
    private const int Pairs = 500;

    [Fact]
    public async Task Every_metric_matches_numpy_on_the_same_data()
    {
        var random = new Random(14);
        var classification = new List<JoinedActual>();
        var binary = new List<JoinedActual>();
        var regression = new List<JoinedActual>();
        for (var i = 0; i < Pairs; i++)
        {
            var probabilities = Normalize([random.NextDouble(), random.NextDouble(), random.NextDouble()]);
            var predicted = Array.IndexOf(probabilities, probabilities.Max());
            var actual = random.Next(3);
            classification.Add(Pair(predicted.ToString(CultureInfo.InvariantCulture), probabilities, null, ActualValue.FromNumber(actual)));

            // Scores rounded to two digits, so that ties occur.
            var score = Math.Round(random.NextDouble(), 2);
            binary.Add(Pair(score >= 0.5 ? "1" : "0", [1 - score, score], null, ActualValue.FromBoolean(random.NextDouble() < score)));

            var truth = i % 10 == 0 ? 0 : Math.Round((random.NextDouble() * 20) - 10, 3);
            regression.Add(Pair(null, null, truth + ((random.NextDouble() - 0.5) * 2), ActualValue.FromNumber(truth)));
        }

        var expected = await NumpyAsync(new JsonObject
        {
            ["classification"] = new JsonObject
            {
                ["predictedLabels"] = JsonArrayOf(classification.Select(p => int.Parse(p.Prediction.Label!, CultureInfo.InvariantCulture))),
                ["actualLabels"] = JsonArrayOf(classification.Select(p => int.Parse(p.Actual.Label, CultureInfo.InvariantCulture))),
                ["probabilities"] = new JsonArray([.. classification.Select(p => (JsonNode)JsonArrayOf(p.Prediction.Probabilities!))]),
            },
            ["binary"] = new JsonObject
            {
                ["scores"] = JsonArrayOf(binary.Select(p => p.Prediction.Probabilities![1])),
                ["actual"] = JsonArrayOf(binary.Select(p => int.Parse(p.Actual.Label, CultureInfo.InvariantCulture))),
            },
            ["regression"] = new JsonObject
            {
                ["predicted"] = JsonArrayOf(regression.Select(p => p.Prediction.Value!.Value)),
                ["actual"] = JsonArrayOf(regression.Select(p => p.Actual.Number!.Value)),
            },
        });

        var ours = AccuracyMetrics.Compute(ModelTask.Classification, classification);
        ours[AccuracyMetrics.Accuracy].Should().BeApproximately(expected["accuracy"], 1e-9);
        ours[AccuracyMetrics.LogLoss].Should().BeApproximately(expected["logLoss"], 1e-9);
        ours.Should().NotContainKey(AccuracyMetrics.Auc, "AUC is for binary classification");
        AccuracyMetrics.Compute(ModelTask.Classification, binary)[AccuracyMetrics.Auc].Should().BeApproximately(expected["auc"], 1e-9);
        var regressionMetrics = AccuracyMetrics.Compute(ModelTask.Regression, regression);
        regressionMetrics[AccuracyMetrics.Rmse].Should().BeApproximately(expected["rmse"], 1e-9);
        regressionMetrics[AccuracyMetrics.Mae].Should().BeApproximately(expected["mae"], 1e-9);
        regressionMetrics[AccuracyMetrics.Mape].Should().BeApproximately(expected["mape"], 1e-9, "zero actuals are skipped");
    }

    [Fact]
    public void Metrics_without_qualifying_pairs_are_absent()
    {
        AccuracyMetrics.Compute(ModelTask.Classification, []).Should().BeEmpty();
        AccuracyMetrics.Compute(ModelTask.Regression, [Pair(null, null, 1, ActualValue.FromNumber(0))])
            .Should().ContainKey(AccuracyMetrics.Rmse).And.NotContainKey(AccuracyMetrics.Mape, "every actual is 0");
        AccuracyMetrics.BinaryAuc([Pair("1", [0.2, 0.8], null, ActualValue.FromNumber(1))]).Should().BeNull("one class only");
    }

    private static JoinedActual Pair(string? label, double[]? probabilities, double? value, ActualValue actual) =>
        new(new Prediction("id", "v1", DateTimeOffset.UnixEpoch, label, probabilities, value), actual);

    private static double[] Normalize(double[] values) => [.. values.Select(v => v / values.Sum())];

    private static JsonArray JsonArrayOf<T>(IEnumerable<T> values) => new([.. values.Select(v => JsonValue.Create(v))]);

    private static async Task<Dictionary<string, double>> NumpyAsync(JsonObject input)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Monitoring", "accuracy_reference.py");
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await process.StandardInput.WriteAsync(input.ToJsonString());
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, "the numpy reference must run (python3-numpy: hack/install-test-deps.sh): {0}", error);
        return JsonSerializer.Deserialize<Dictionary<string, double>>(output)!;
    }
}
