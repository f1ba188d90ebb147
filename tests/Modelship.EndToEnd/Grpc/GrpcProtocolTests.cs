using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;

namespace Modelship.EndToEnd.Grpc;

/// <summary>
/// inference.GRPCInferenceService on a real runtime and a real router, called by Debian's python3-grpcio: every RPC,
/// raw contents both ways, bad input, and the router's shadow and inference log behind gRPC requests.
/// </summary>
public sealed class GrpcProtocolTests
{
    private const string Flower = """{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""";

    [Fact]
    public async Task The_runtime_answers_every_rpc_of_a_python_grpc_client_as_its_rest_api_does()
    {
        var environment = await ServingEnvironment.GetAsync();
        var python = await GrpcPythonClient.GetAsync();
        var grpcPort = FreePort.Next();
        await using var runtime = await ModelshipProcess.StartRuntimeAsync(environment, "v1", FreePort.Next(), "--grpc-port", $"{grpcPort}");

        var result = await python.RunAsync($"127.0.0.1:{grpcPort}", "protocol", "iris");

        await AssertProtocolAsync(result, runtime, serverName: "modelship", routed: false);
    }

    [Fact]
    public async Task The_router_serves_grpc_through_its_rest_path_shadow_and_inference_log_included()
    {
        var environment = await ServingEnvironment.GetAsync();
        var python = await GrpcPythonClient.GetAsync();
        var (v1Port, v3Port, grpcPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        using var table = new RoutingTableFile();
        table.Write(new RoutingTable
        {
            Generation = 1,
            ModelName = "iris",
            Backends =
            [
                new RoutingBackend { Name = "iris-v1", Version = "v1", Role = BackendRole.Champion, Url = ModelshipProcess.Url(v1Port), ModelName = "iris" },
                new RoutingBackend { Name = "iris-v3", Version = "v3", Role = BackendRole.Shadow, Url = ModelshipProcess.Url(v3Port), ModelName = "iris" },
            ],
            Log = new InferenceLogSettings { SampleRate = 1.0 },
        });
        var logs = Directory.CreateTempSubdirectory("modelship-e2e-grpc-logs-");
        try
        {
            await using var processes = await ProcessGroup.StartAsync(
            [
                ModelshipProcess.StartRuntimeAsync(environment, "v1", v1Port),
                ModelshipProcess.StartRuntimeAsync(environment, "v3", v3Port),
                ModelshipProcess.StartRouterAsync(environment, table.Path, "--grpc-port", $"{grpcPort}", "--log-dir", logs.FullName),
            ]);
            var router = processes[2];

            var result = await python.RunAsync($"127.0.0.1:{grpcPort}", "protocol", "iris");

            await AssertProtocolAsync(result, processes[0], serverName: "modelship-router", routed: true);
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            var entries = await EventuallyAsync(async () =>
            {
                using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(router.BaseAddress, "v2/logs")));
                var all = document.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone()).ToList();
                return all.Any(e => e.GetProperty("role").GetString() == "shadow") ? all : null;
            });
            entries.Where(e => e.GetProperty("role").GetString() == "shadow")
                .Should().OnlyContain(e => e.GetProperty("version").GetString() == "v3", "the shadow answered the gRPC requests' mirror");
            entries.Where(e => e.GetProperty("role").GetString() == "champion" && e.GetProperty("status").GetInt32() == 200)
                .Should().HaveCountGreaterThanOrEqualTo(4, "four gRPC inferences were answered by the champion");
        }
        finally
        {
            logs.Delete(recursive: true);
        }
    }

    private static async Task AssertProtocolAsync(JsonElement result, ModelshipProcess champion, string serverName, bool routed)
    {
        var text = result.GetRawText();
        result.GetProperty("live").GetBoolean().Should().BeTrue(text);
        result.GetProperty("ready").GetBoolean().Should().BeTrue(text);
        result.GetProperty("model_ready").GetBoolean().Should().BeTrue(text);
        result.GetProperty("server").GetProperty("name").GetString().Should().Be(serverName);
        var metadata = result.GetProperty("metadata");
        metadata.GetProperty("name").GetString().Should().Be("iris");
        metadata.GetProperty("versions").EnumerateArray().Select(v => v.GetString()).Should().Contain("v1");
        metadata.GetProperty("inputs")[0].GetRawText().Should().Be("""{"name": "input", "datatype": "FP32", "shape": [-1, 4]}""");

        // The same flower over REST, straight from the champion's runtime: what gRPC must answer too.
        var restProbabilities = await RestProbabilitiesAsync(champion);
        var typed = result.GetProperty("typed");
        typed.GetProperty("model_name").GetString().Should().Be("iris");
        typed.GetProperty("model_version").GetString().Should().Be("v1");
        typed.GetProperty("id").GetString().Should().Be("grpc-e2e");
        if (routed)
        {
            typed.GetProperty("version_header").GetString().Should().Be("v1");
            typed.GetProperty("role").GetString().Should().Be("champion");
        }
        AssertOutputs(typed, raw: false, restProbabilities);
        AssertOutputs(result.GetProperty("raw"), raw: true, restProbabilities);
        AssertOutputs(result.GetProperty("typed_asking_raw"), raw: true, restProbabilities);
        AssertOutputs(result.GetProperty("raw_asking_typed"), raw: false, restProbabilities);

        var errors = result.GetProperty("errors");
        AssertError(errors, "wrong_contents_field", "INVALID_ARGUMENT", "inputs[0] ('input'): datatype FP32 takes fp32_contents, but int_contents has 4 element(s)");
        AssertError(errors, "too_few_elements", "INVALID_ARGUMENT", "inputs[0] ('input'): shape [1,4] needs 4 element(s), fp32_contents has 3");
        AssertError(errors, "shape_the_model_refuses", "INVALID_ARGUMENT", "input 'input' has shape [1,3]; the model expects [-1,4]");
        AssertError(errors, "unknown_datatype", "INVALID_ARGUMENT", "inputs[0] ('input'): unknown datatype 'FLOAT32'");
        AssertError(errors, "short_raw", "INVALID_ARGUMENT", "needs 16 raw bytes (4 x 4), raw_input_contents has 15");
        AssertError(errors, "unknown_model", "NOT_FOUND", "'no-such-model'");
        AssertError(errors, "unknown_model_ready", "NOT_FOUND", "'no-such-model'");
    }

    private static void AssertOutputs(JsonElement answer, bool raw, float[] restProbabilities)
    {
        var outputs = answer.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        outputs.Keys.Should().BeEquivalentTo("label", "probabilities");
        outputs.Values.Should().OnlyContain(o => o.GetProperty("raw").GetBoolean() == raw, answer.GetRawText());
        outputs["label"].GetProperty("datatype").GetString().Should().Be("INT64");
        outputs["label"].GetProperty("data").EnumerateArray().Select(v => v.GetInt64()).Should().Equal(0L);
        outputs["probabilities"].GetProperty("shape").EnumerateArray().Select(v => v.GetInt64()).Should().Equal(1L, 3L);
        outputs["probabilities"].GetProperty("data").EnumerateArray().Select(v => v.GetSingle()).Should().Equal(restProbabilities);
    }

    private static void AssertError(JsonElement errors, string name, string code, string message)
    {
        var error = errors.GetProperty(name);
        error.GetProperty("code").GetString().Should().Be(code, "{0}: {1}", name, error.GetRawText());
        error.GetProperty("details").GetString().Should().Contain(message, name);
    }

    private static async Task<float[]> RestProbabilitiesAsync(ModelshipProcess runtime)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var content = new StringContent(Flower, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(new Uri(runtime.BaseAddress, "v2/models/iris/infer"), content);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var probabilities = document.RootElement.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "probabilities");
        return probabilities.GetProperty("data").EnumerateArray().Select(v => v.GetSingle()).ToArray();
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the router's inference log did not show the shadow's answers within 30 s");
            }
            await Task.Delay(200);
        }
    }
}
