using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;

namespace Modelship.EndToEnd;

/// <summary>
/// A real router with a table's predictionDefaults in front of a real runtime: the request the runtime answers
/// carries the merged parameters, as the router's inference log records it.
/// </summary>
public sealed class PredictionDefaultsTests : IDisposable
{
    private readonly string _logs = Directory.CreateTempSubdirectory("modelship-e2e-defaults-").FullName;

    public void Dispose() => Directory.Delete(_logs, recursive: true);

    [Fact]
    public async Task The_model_gets_the_defaults_merged_into_each_request()
    {
        var environment = await ServingEnvironment.GetAsync();
        var runtimePort = FreePort.Next();
        using var table = new RoutingTableFile();
        table.Write(new RoutingTable
        {
            Generation = 1,
            ModelName = "iris",
            Backends = [new RoutingBackend { Name = "iris-v1", Version = "v1", Role = BackendRole.Champion, Url = ModelshipProcess.Url(runtimePort), ModelName = "iris" }],
            Log = new InferenceLogSettings { SampleRate = 1 },
            PredictionDefaults = new ParameterDefaults
            {
                Parameters = new Dictionary<string, JsonElement> { ["threshold"] = Json("0.7"), ["segment"] = Json("\"retail\"") },
            },
        });
        await using var processes = await ProcessGroup.StartAsync(
            [ModelshipProcess.StartRuntimeAsync(environment, "v1", runtimePort), ModelshipProcess.StartRouterAsync(environment, table.Path, "--log-dir", _logs)]);
        var router = processes[1];
        using var client = new HttpClient { BaseAddress = router.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

        var body = """{"id":"with-caller-parameters","parameters":{"segment":"sme","user":"alice"},"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("v2/models/iris/infer", content);
        var answer = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, answer);
        IrisRequests.ProblemWithAnswer(answer).Should().BeNull("the runtime served the merged request");

        var logged = await EventuallyAsync(async () =>
        {
            using var logs = JsonDocument.Parse(await client.GetStringAsync("v2/logs"));
            return logs.RootElement.GetProperty("entries").EnumerateArray()
                .Where(e => e.GetProperty("id").GetString() == "with-caller-parameters")
                .Select(e => e.GetProperty("parameters").GetRawText())
                .FirstOrDefault();
        });
        logged.Should().Be("""{"segment":"sme","user":"alice","threshold":0.7}""", "the caller's segment stays (override is false) and the missing threshold is filled in");
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> attempt)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (await attempt() is { } result)
            {
                return result;
            }
            DateTime.UtcNow.Should().BeBefore(deadline, "the log entry is written within the flush interval");
            await Task.Delay(200);
        }
    }
}
