using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Modelship.Serving.Http;
using Modelship.Serving.Protocol;
using Modelship.Serving.Runtime;
using Modelship.Serving.Tests.Http;
using Modelship.Serving.Tests.Models;

namespace Modelship.Serving.Tests.Runtime;

/// <summary>The V2 REST API of a real runtime over HTTP on 127.0.0.1.</summary>
public sealed class RuntimeHostHttpTests(RuntimeHostFixture fixture) : IClassFixture<RuntimeHostFixture>
{
    private const string Model = TestModels.MixedTypes;

    private HttpClient Client => fixture.Client;

    [Theory]
    [InlineData("v2/health/live", "live")]
    [InlineData("v2/health/ready", "ready")]
    public async Task Health_endpoints_answer_true(string path, string property)
    {
        using var document = await GetJsonAsync(path, HttpStatusCode.OK);
        document.RootElement.GetProperty(property).GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Server_metadata_names_the_server()
    {
        using var document = await GetJsonAsync("v2", HttpStatusCode.OK);
        document.RootElement.GetProperty("name").GetString().Should().Be("modelship");
        document.RootElement.GetProperty("extensions").GetArrayLength().Should().Be(0);
    }

    [Theory]
    [InlineData($"v2/models/{Model}")]
    [InlineData($"v2/models/{Model}/versions/3")]
    public async Task Model_metadata_lists_inputs_and_outputs_with_datatypes_and_shapes(string path)
    {
        using var document = await GetJsonAsync(path, HttpStatusCode.OK);
        var root = document.RootElement;
        root.GetProperty("name").GetString().Should().Be(Model);
        root.GetProperty("versions").EnumerateArray().Select(v => v.GetString()).Should().Equal("3");
        root.GetProperty("platform").GetString().Should().Be("onnxruntime_onnx");
        Describe(root.GetProperty("inputs")).Should().Equal(
            "features FP32 [-1,3]", "counts INT64 [-1]", "flags BOOL [-1]", "labels BYTES [-1]");
        Describe(root.GetProperty("outputs")).Should().Equal(
            "scaled FP32 [-1,3]", "next INT64 [-1]", "negated BOOL [-1]", "labels_out BYTES [-1]");
    }

    [Theory]
    [InlineData($"v2/models/{Model}/ready")]
    [InlineData($"v2/models/{Model}/versions/3/ready")]
    public async Task Model_is_ready(string path)
    {
        using var document = await GetJsonAsync(path, HttpStatusCode.OK);
        document.RootElement.GetProperty("ready").GetBoolean().Should().BeTrue();
        document.RootElement.GetProperty("name").GetString().Should().Be(Model);
    }

    [Theory]
    [InlineData("v2/models/other")]
    [InlineData("v2/models/other/ready")]
    [InlineData($"v2/models/{Model}/versions/4")]
    [InlineData($"v2/models/{Model}/versions/4/ready")]
    [InlineData("v2/nothing/here")]
    public async Task Unknown_models_versions_and_paths_are_404_with_an_error(string path)
    {
        using var document = await GetJsonAsync(path, HttpStatusCode.NotFound);
        document.RootElement.GetProperty("error").GetString().Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData($"v2/models/{Model}/infer")]
    [InlineData($"v2/models/{Model}/versions/3/infer")]
    public async Task Infer_returns_fp32_int64_bool_and_bytes_outputs(string path)
    {
        using var response = await PostAsync(path, TestModels.RequestBody(Model));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.Content.Headers.ContentLength.Should().Be(bytes.Length, "answers carry a Content-Length, not chunked framing");
        response.Headers.TransferEncodingChunked.Should().NotBe(true);
        var answer = InferenceResponseJson.Parse(bytes);
        answer.ModelName.Should().Be(Model);
        answer.ModelVersion.Should().Be("3");
        var expected = TestModels.ExpectedOutputs(Model);
        answer.Outputs.Select(o => o.Name).Should().Equal(expected.Select(o => o.Name));
        for (var i = 0; i < expected.Count; i++) TensorAssert.Close(answer.Outputs[i], expected[i], rtol: 0, atol: 0);
    }

    [Fact]
    public async Task Infer_accepts_nested_data_echoes_the_id_and_returns_only_requested_outputs()
    {
        const string body = """
            {"id": "req-7", "inputs": [
              {"name": "labels", "datatype": "BYTES", "shape": [2], "data": ["a", "b"]},
              {"data": [[0.5, 1, 1.5], [2, 2.5, 3]], "name": "features", "shape": [2, 3], "datatype": "FP32"},
              {"name": "counts", "datatype": "INT64", "shape": [2], "data": [[9], [10]]},
              {"name": "flags", "datatype": "BOOL", "shape": [2], "data": [false, false]}],
             "outputs": [{"name": "scaled"}, {"name": "negated"}]}
            """;
        using var response = await PostAsync($"v2/models/{Model}/infer", Encoding.UTF8.GetBytes(body));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = InferenceResponseJson.Parse(await response.Content.ReadAsByteArrayAsync());
        answer.Id.Should().Be("req-7");
        answer.Outputs.Select(o => o.Name).Should().Equal("scaled", "negated");
        answer.Outputs[0].Shape.Should().Equal(2, 3);
        answer.Outputs[0].ToArray<float>().Should().Equal(1f, 2f, 3f, 4f, 5f, 6f);
        answer.Outputs[1].ToArray<bool>().Should().Equal(true, true);
    }

    public static readonly TheoryData<string, string, string> BadRequests = new()
    {
        { "malformed JSON", "{\"inputs\": [", "malformed JSON" },
        { "not an object", "[1, 2]", "expected an object" },
        { "no inputs", "{}", "'inputs' is required" },
        { "wrong datatype", Request(("features", "FP64", "[1,3]", "[1,2,3]")), "the model expects FP32" },
        { "unknown datatype", Request(("features", "FLOAT", "[1,3]", "[1,2,3]")), "unknown datatype 'FLOAT'" },
        { "wrong rank", Request(("features", "FP32", "[3]", "[1,2,3]")), "the model expects [-1,3]" },
        { "wrong fixed dimension", Request(("features", "FP32", "[1,2]", "[1,2]")), "the model expects [-1,3]" },
        { "too few elements", Request(("features", "FP32", "[1,3]", "[1,2]")), "shape needs 3 elements but data has 2" },
        { "too many elements", Request(("features", "FP32", "[1,3]", "[1,2,3,4]")), "more elements than the shape's 3" },
        { "string in FP32", Request(("features", "FP32", "[1,3]", "[1,\"x\",3]")), "element 1: a string is not a valid FP32 value" },
        { "INT64 out of range", Request(("counts", "INT64", "[1]", "[1e30]")), "inputs[0] ('counts'): element 0: 1e30 is out of range for INT64" },
        { "2^63 in INT64", Request(("counts", "INT64", "[1]", "[9223372036854775808]")), "inputs[0] ('counts'): element 0: 9223372036854775808 is out of range for INT64 (-9223372036854775808 to 9223372036854775807)" },
        { "300 in INT8", Request(("counts", "INT8", "[2]", "[1, 300]")), "inputs[0] ('counts'): element 1: 300 is out of range for INT8 (-128 to 127)" },
        { "300 in UINT8", Request(("counts", "UINT8", "[1]", "[300]")), "inputs[0] ('counts'): element 0: 300 is out of range for UINT8 (0 to 255)" },
        { "1e400 in FP32", Request(("features", "FP32", "[1,3]", "[1,1e400,3]")), "inputs[0] ('features'): element 1: 1e400 is out of range for FP32" },
        { "-1e400 in FP32", Request(("features", "FP32", "[1,3]", "[-1e400,2,3]")), "inputs[0] ('features'): element 0: -1e400 is out of range for FP32" },
        { "1e400 in FP64", Request(("features", "FP64", "[1]", "[1e400]")), "inputs[0] ('features'): element 0: 1e400 is out of range for FP64" },
        { "fraction in INT64", Request(("counts", "INT64", "[1]", "[1.5]")), "element 0: 1.5 is not an integer" },
        { "number in BOOL", Request(("flags", "BOOL", "[1]", "[1]")), "element 0: 1 is not a valid BOOL value" },
        { "lone surrogate in BYTES", Request(("labels", "BYTES", "[1]", "[\"\\ud800\"]")), "inputs[0] ('labels'): element 0: the string is not text" },
        { "lone surrogate in a name", Request(("\\udc00", "BYTES", "[1]", "[\"a\"]")), "inputs[0].name: a string is not valid text" },
        { "negative dimension", Request(("counts", "INT64", "[-1]", "[1]")), "non-negative integers" },
        { "unknown input", Request(("extra", "FP32", "[1]", "[1]")), "the model has no input 'extra'" },
        { "missing input", Request(("features", "FP32", "[1,3]", "[1,2,3]")), "missing input(s) 'counts', 'flags', 'labels'" },
        { "batch sizes disagree", Request(
            ("features", "FP32", "[1,3]", "[1,2,3]"), ("counts", "INT64", "[2]", "[1,2]"),
            ("flags", "BOOL", "[1]", "[true]"), ("labels", "BYTES", "[1]", "[\"a\"]")),
            "dimension 'batch' is 2 in input 'counts' but 1 in input 'features'" },
        { "unknown output", Complete("\"outputs\": [{\"name\": \"nope\"}]"), "the model has no output 'nope'" },
        { "NUL in a string", Request(
            ("features", "FP32", "[1,3]", "[1,2,3]"), ("counts", "INT64", "[1]", "[1]"),
            ("flags", "BOOL", "[1]", "[true]"), ("labels", "BYTES", "[1]", "[\"a\\u0000b\"]")), "contains a NUL character" },
        { "duplicate input", Request(("counts", "INT64", "[1]", "[1]"), ("counts", "INT64", "[1]", "[1]")), "more than once" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_are_400_with_an_error_and_the_server_keeps_serving(string why, string body, string message)
    {
        using (var response = await PostAsync($"v2/models/{Model}/infer", Encoding.UTF8.GetBytes(body)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, why);
            await ShouldBeErrorAsync(response, message);
        }

        await ShouldStillServeAsync();
    }

    [Fact]
    public async Task Invalid_UTF8_is_400_with_a_JSON_error_and_counted()
    {
        var before = await RequestCountAsync(Model, "3", "400");

        using (var response = await PostAsync($"v2/models/{Model}/infer", Routing.RouterErrorAnswerTests.InvalidUtf8Request("labels")))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            await ShouldBeErrorAsync(response, "request body is not valid UTF-8 (at byte 69)");
        }

        (await RequestCountAsync(Model, "3", "400")).Should().Be(before + 1);
        await ShouldStillServeAsync();
    }

    [Theory]
    [InlineData("GET", $"v2/models/{Model}/infer", HttpStatusCode.MethodNotAllowed, $"method GET is not allowed on /v2/models/{Model}/infer; allowed: POST")]
    [InlineData("PUT", $"v2/models/{Model}/versions/3/infer", HttpStatusCode.MethodNotAllowed, "allowed: POST")]
    [InlineData("POST", $"v2/models/{Model}", HttpStatusCode.MethodNotAllowed, "allowed: GET")]
    [InlineData("POST", "metrics", HttpStatusCode.MethodNotAllowed, "allowed: GET")]
    [InlineData("GET", "v2/models/", HttpStatusCode.NotFound, "no endpoint GET /v2/models/")]
    public async Task Routing_refusals_are_V2_JSON_errors(string method, string path, HttpStatusCode status, string message)
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(status);
        await ShouldBeErrorAsync(response, message);
    }

    [Fact]
    public async Task A_stalled_body_is_408_with_a_JSON_error_one_warning_and_a_count()
    {
        var logs = new CapturedLogs();
        var limits = new RequestLimits { MinBodyBytesPerSecond = 1000, BodyGracePeriod = TimeSpan.FromSeconds(1.5) };
        await using var host = await RuntimeHost.StartAsync(
            new RuntimeOptions { ModelPath = TestModels.PathOf(Model), Port = 0, IntraOpThreads = 1, Limits = limits }, logs.Configure);

        var answer = await StalledBody.SendAsync(host.BaseAddress, $"v2/models/{Model}/infer", 4096, "{\"inputs\":[", TimeSpan.FromSeconds(20));

        answer.Status.Should().Be(408);
        answer.Headers["content-type"].Should().Be("application/json");
        Routing.RouterErrorAnswerTests.ErrorOf(answer.Body).Should().Be(limits.TooSlowMessage());
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        (await client.GetStringAsync("metrics")).Should().Contain($"modelship_requests_total{{code=\"408\",model=\"{Model}\",version=\"1\"}} 1");
        logs.AtLeast(LogLevel.Warning).Should().ContainSingle("one line per stalled request: {0}", string.Join("; ", logs.AtLeast(LogLevel.Warning)))
            .Which.Should().Match<CapturedLogs.LogEntry>(e => e.Level == LogLevel.Warning && e.Message.Contains("408") && e.Exception == null);
    }

    [Fact]
    public async Task A_thousand_bogus_versions_and_model_names_add_no_series()
    {
        await SendBogusRequestsAsync("warm-up", 1);
        var before = ExposedSeries.Keys(await Client.GetStringAsync("metrics"));

        await SendBogusRequestsAsync("bogus", 1000);

        var exposition = await Client.GetStringAsync("metrics");
        ExposedSeries.Keys(exposition).Should().BeEquivalentTo(before, "label values come only from the loaded model");
        exposition.Should().NotContain("bogus").And.Contain("model=\"unknown\"").And.Contain("version=\"unknown\"");
    }

    [Fact]
    public async Task A_model_with_an_output_V2_cannot_carry_is_refused_at_load()
    {
        var start = () => RuntimeHost.StartAsync(
            new RuntimeOptions { ModelPath = TestModels.PathOf(TestModels.Bfloat16Output), Port = 0 }, _ => { });

        (await start.Should().ThrowAsync<UnservableModelException>()).Which.Message.Should()
            .Contain("bfloat16_output.onnx cannot be served over the V2 protocol: output 'y' is tensor(BFloat16)[-1], which the V2 protocol cannot carry");
    }

    [Fact]
    public async Task Infer_on_an_unknown_model_is_404_and_the_server_keeps_serving()
    {
        using (var response = await PostAsync("v2/models/other/infer", TestModels.RequestBody(Model)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            await ShouldBeErrorAsync(response, "unknown model 'other'");
        }

        using (var response = await PostAsync($"v2/models/{Model}/versions/9/infer", TestModels.RequestBody(Model)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            await ShouldBeErrorAsync(response, "unknown version '9'");
        }

        await ShouldStillServeAsync();
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 1024 * 1024)]
    [InlineData(false, 1024 * 1024)]
    public async Task Oversize_bodies_are_413_naming_the_limit_and_the_server_keeps_serving(bool announceLength, int excess)
    {
        var body = new byte[RuntimeHostFixture.MaxBodyBytes + excess];
        body.AsSpan().Fill((byte)' ');
        HttpContent content = announceLength ? new ByteArrayContent(body) : new StreamContent(new NoLengthStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using (var response = await Client.PostAsync($"v2/models/{Model}/infer", content))
        {
            response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
            await ShouldBeErrorAsync(response, $"exceeds the limit of {RuntimeHostFixture.MaxBodyBytes} bytes");
        }

        await ShouldStillServeAsync();
    }

    [Fact]
    public async Task Many_parallel_requests_each_get_their_own_answer()
    {
        var tasks = Enumerable.Range(0, 64).Select(async i =>
        {
            var body = Request(
                ("features", "FP32", "[2,3]", $"[{i},1,2,3,4,{-i}]"), ("counts", "INT64", "[2]", $"[{i},{i * 1000}]"),
                ("flags", "BOOL", "[2]", i % 2 == 0 ? "[true,false]" : "[false,true]"),
                ("labels", "BYTES", "[2]", $"[\"row{i}\",\"x\"]"));
            using var response = await PostAsync($"v2/models/{Model}/infer", Encoding.UTF8.GetBytes(body));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var outputs = InferenceResponseJson.Parse(await response.Content.ReadAsByteArrayAsync()).Outputs;
            outputs[0].ToArray<float>().Should().Equal(2f * i, 2, 4, 6, 8, -2f * i);
            outputs[1].ToArray<long>().Should().Equal(i + 1, i * 1000 + 1);
            outputs[2].ToArray<bool>().Should().Equal(i % 2 != 0, i % 2 == 0);
            outputs[3].Strings.Should().Equal($"row{i}", "x");
        });

        await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Metrics_count_inference_requests_by_status_code()
    {
        using (await PostAsync($"v2/models/{Model}/infer", Encoding.UTF8.GetBytes("{bad"))) { }
        await ShouldStillServeAsync();

        using var response = await Client.GetAsync("metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        lines.Should().Contain(l => l.StartsWith("modelship_requests_total{") && l.Contains("code=\"400\"") && l.Contains($"model=\"{Model}\""));
        lines.Should().Contain(l => l.StartsWith("modelship_requests_total{") && l.Contains("code=\"200\"") && l.Contains("version=\"3\""));
        lines.Should().Contain(l => l.StartsWith("modelship_request_duration_seconds_count{") && l.Contains($"model=\"{Model}\""));
    }

    [Fact]
    public async Task Sequence_of_maps_outputs_are_served_as_tensors_with_their_keys()
    {
        await using var host = await RuntimeHost.StartAsync(
            new RuntimeOptions { ModelPath = TestModels.PathOf(TestModels.ZipMapClassifier), Port = 0 }, _ => { });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await client.PostAsync(
            "v2/models/zipmap_classifier/infer", new ByteArrayContent(TestModels.RequestBody(TestModels.ZipMapClassifier)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var outputs = InferenceResponseJson.Parse(await response.Content.ReadAsByteArrayAsync()).Outputs;
        var expected = TestModels.ExpectedOutputs(TestModels.ZipMapClassifier);
        TensorAssert.Close(outputs[1], expected[1], rtol: 1e-5, atol: 1e-6);
        outputs[1].Parameters!["keys"].EnumerateArray().Select(k => k.GetInt64()).Should().Equal(0, 1, 2);
    }

    [Fact]
    public async Task A_backend_test_model_is_served_and_inputs_onnx_runtime_rejects_are_400()
    {
        var directory = Path.Combine(TestPrerequisites.OnnxNodeTests, "test_gather_0");
        await using var host = await RuntimeHost.StartAsync(
            new RuntimeOptions { ModelPath = directory, ModelName = "gather", Port = 0 }, _ => { });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var data = TensorProtoReader.Read(Path.Combine(directory, "test_data_set_0", "input_0.pb"), "data");
        var indices = TensorProtoReader.Read(Path.Combine(directory, "test_data_set_0", "input_1.pb"), "indices");
        var expected = TensorProtoReader.Read(Path.Combine(directory, "test_data_set_0", "output_0.pb"), "y");
        var outOfRange = InferenceTensor.FromArray("indices", indices.Shape, Enumerable.Repeat(99L, (int)indices.ElementCount).ToArray());

        using (var rejected = await client.PostAsync("v2/models/gather/infer",
            new ByteArrayContent(InferenceRequestJson.Serialize(new InferenceRequest([data, outOfRange])))))
        {
            rejected.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            await ShouldBeErrorAsync(rejected, "the model rejected the inputs");
        }

        using var answered = await client.PostAsync("v2/models/gather/infer",
            new ByteArrayContent(InferenceRequestJson.Serialize(new InferenceRequest([data, indices]))));
        answered.StatusCode.Should().Be(HttpStatusCode.OK);
        TensorAssert.Close(InferenceResponseJson.Parse(await answered.Content.ReadAsByteArrayAsync()).Outputs.Single(), expected);
    }

    /// <summary>Each of <paramref name="count"/> rounds names a new version and a new model, on every V2 model path.</summary>
    private async Task SendBogusRequestsAsync(string prefix, int count)
    {
        using var throttle = new SemaphoreSlim(8);
        var requests = Enumerable.Range(0, count).SelectMany(i => new[]
        {
            (HttpMethod.Post, $"v2/models/{Model}/versions/{prefix}-{i}/infer"),
            (HttpMethod.Post, $"v2/models/{prefix}-{i}/infer"),
            (HttpMethod.Post, $"v2/models/{prefix}-{i}/versions/3/infer"),
            (HttpMethod.Get, $"v2/models/{Model}/versions/{prefix}-{i}/ready"),
            (HttpMethod.Get, $"v2/models/{prefix}-{i}"),
            (HttpMethod.Get, $"{prefix}-{i}"),
        });
        await Task.WhenAll(requests.Select(async r =>
        {
            await throttle.WaitAsync();
            try
            {
                using var request = new HttpRequestMessage(r.Item1, r.Item2);
                if (r.Item1 == HttpMethod.Post) request.Content = new ByteArrayContent(TestModels.RequestBody(Model));
                using var response = await Client.SendAsync(request);
                response.StatusCode.Should().Be(HttpStatusCode.NotFound, r.Item2);
            }
            finally
            {
                throttle.Release();
            }
        }));
    }

    private async Task<double> RequestCountAsync(string model, string version, string code)
    {
        var series = $"modelship_requests_total{{code=\"{code}\",model=\"{model}\",version=\"{version}\"}} ";
        var line = (await Client.GetStringAsync("metrics")).Split('\n').FirstOrDefault(l => l.StartsWith(series, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[series.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Request(params (string Name, string Datatype, string Shape, string Data)[] inputs) =>
        "{\"inputs\": [" + string.Join(",", inputs.Select(i =>
            $"{{\"name\": \"{i.Name}\", \"datatype\": \"{i.Datatype}\", \"shape\": {i.Shape}, \"data\": {i.Data}}}")) + "]}";

    private static string Complete(string extra) =>
        Request(("features", "FP32", "[1,3]", "[1,2,3]"), ("counts", "INT64", "[1]", "[1]"),
            ("flags", "BOOL", "[1]", "[true]"), ("labels", "BYTES", "[1]", "[\"a\"]"))[..^1] + ", " + extra + "}";

    private static IEnumerable<string> Describe(JsonElement tensors) => tensors.EnumerateArray().Select(t =>
        $"{t.GetProperty("name").GetString()} {t.GetProperty("datatype").GetString()} " +
        $"[{string.Join(',', t.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()))}]");

    private async Task<JsonDocument> GetJsonAsync(string path, HttpStatusCode status)
    {
        using var response = await Client.GetAsync(path);
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> PostAsync(string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Client.PostAsync(path, content);
    }

    private static async Task ShouldBeErrorAsync(HttpResponseMessage response, string message)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        document.RootElement.GetProperty("error").GetString().Should().Contain(message);
    }

    private async Task ShouldStillServeAsync()
    {
        using var response = await PostAsync($"v2/models/{Model}/infer", TestModels.RequestBody(Model));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>A stream that hides its length, so HttpClient sends the body chunked.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
