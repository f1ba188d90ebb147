using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;
using Modelship.Testing;

namespace Modelship.EndToEnd;

/// <summary>
/// A real router and runtime (iris-v1): requests carry association ids, actuals are posted for them (some wrong), and
/// the accuracy gauge and GET /v2/monitoring show what the answers and the actuals make.
/// </summary>
public sealed class ActualsAccuracyTests : IDisposable
{
    private const int Requests = 20;
    private const int Wrong = 6;
    private readonly string _monitoringDirectory = Directory.CreateTempSubdirectory("modelship-e2e-actuals-").FullName;

    [Fact]
    public async Task Actuals_joined_with_logged_predictions_give_the_accuracy_and_log_loss_of_the_answers()
    {
        var environment = await ServingEnvironment.GetAsync();
        var runtimePort = FreePort.Next();
        using var table = new RoutingTableFile();
        table.Write(new RoutingTable
        {
            Generation = 1,
            ModelName = "iris",
            Backends = [new RoutingBackend { Name = "iris-v1", Version = "v1", Role = BackendRole.Champion, Url = ModelshipProcess.Url(runtimePort), ModelName = "iris" }],
            Monitoring = new MonitoringSettings
            {
                Actuals = new ActualsSettings { AssociationId = new AssociationIdKey { Source = AssociationIdSource.Parameter, Name = "association_id" }, Output = "label" },
            },
        });
        await using var processes = await ProcessGroup.StartAsync(
            [ModelshipProcess.StartRuntimeAsync(environment, "v1", runtimePort), ModelshipProcess.StartRouterAsync(environment, table.Path, "--monitoring-dir", _monitoringDirectory)]);
        var router = processes[1];
        using var client = new HttpClient { BaseAddress = router.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

        // Each answer's label and probabilities; the actual is the label for the first ones and another class for the last.
        var actuals = new List<string>();
        double logLossSum = 0;
        for (var i = 0; i < Requests; i++)
        {
            var (label, probabilities) = await InferAsync(client, i);
            var actual = i < Requests - Wrong ? label : (label + 1) % 3;
            logLossSum -= Math.Log(Math.Clamp(probabilities[actual], 1e-15, 1 - 1e-15));
            actuals.Add($$"""{"associationId":"order-{{i}}","actual":{{actual}}}""");
        }

        using (var malformed = await PostAsync(client, """[{"associationId":"order-0","actual":1},{"associationId":"order-1","actual":{"class":1}}]"""))
        {
            malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            JsonDocument.Parse(await malformed.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().Should().Contain("actuals[1]");
        }
        using (var posted = await PostAsync(client, $"[{string.Join(',', actuals)}]"))
        {
            posted.StatusCode.Should().Be(HttpStatusCode.OK, await posted.Content.ReadAsStringAsync());
        }

        var accuracy = await Eventually.ReturnsAsync(
            async () => JsonSerializer.Deserialize(await client.GetStringAsync("v2/monitoring"), RoutingTableJsonContext.Default.MonitoringReport)!
                .Accuracy.SingleOrDefault(a => a.Version == "v1" && a.Actuals == Requests),
            "every actual joins its prediction (router output:\n" + router.RecentOutput + ")");
        accuracy.Metrics["accuracy"].Should().BeApproximately((double)(Requests - Wrong) / Requests, 1e-12);
        accuracy.Metrics["logLoss"].Should().BeApproximately(logLossSum / Requests, 1e-9);

        var metrics = await client.GetStringAsync("metrics");
        metrics.Split('\n').Should().Contain(l => l.StartsWith("modelship_model_accuracy{", StringComparison.Ordinal) && l.Contains("metric=\"accuracy\"", StringComparison.Ordinal)
            && l.EndsWith(" " + ((double)(Requests - Wrong) / Requests).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        metrics.Split('\n').Should().Contain(l => l.StartsWith("modelship_actuals_total{", StringComparison.Ordinal) && l.Contains("result=\"invalid\"", StringComparison.Ordinal) && l.EndsWith(" 2", StringComparison.Ordinal));
        router.HasExited.Should().BeFalse();
    }

    public void Dispose() => Directory.Delete(_monitoringDirectory, recursive: true);

    private static async Task<(int Label, double[] Probabilities)> InferAsync(HttpClient client, int index)
    {
        var flower = JsonDocument.Parse(IrisRequests.Valid(index)).RootElement.GetProperty("inputs")[0];
        var row = flower.GetProperty("data").EnumerateArray().Take(4).Select(v => v.GetRawText());
        var body = $$"""{"parameters":{"association_id":"order-{{index}}"},"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[{{string.Join(',', row)}}]}]}""";
        using var response = await client.PostAsync("v2/models/iris/infer", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        var outputs = JsonDocument.Parse(text).RootElement.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        var label = (int)outputs["label"].GetProperty("data")[0].GetInt64();
        var probabilities = outputs["probabilities"].GetProperty("data").EnumerateArray().Take(3).Select(p => p.GetDouble()).ToArray();
        return (label, probabilities);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body) =>
        client.PostAsync("v2/models/iris/actuals", new StringContent(body, Encoding.UTF8, "application/json"));
}
