using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Modelship.Api.Routing;
using Modelship.EndToEnd.Support;
using Modelship.Serving.Tests.Http;
using Modelship.TestCluster;

namespace Modelship.EndToEnd;

/// <summary>
/// Requests that callers get wrong, sent to a runtime process and to a router process in front of it: each gets a
/// 4xx with a V2 JSON error (routing's own 404 and 405 included), and the process keeps serving valid requests. A
/// body that stalls gets 408, one warning line and no "unhandled exception".
/// </summary>
public sealed class BadInputTests(BadInputTests.Servers servers) : IClassFixture<BadInputTests.Servers>
{
    public const int MaxBodyBytes = 4096;

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var target in new[] { "router", "runtime" })
        {
            foreach (var request in new[]
            {
                "malformed JSON", "wrong datatype", "wrong shape", "unknown model", "oversize body", "invalid UTF-8",
                "1e400 in FP32", "300 in UINT8", "GET on infer", "GET /v2/models/",
            })
            {
                cases.Add(target, request);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_request_gets_a_4xx_with_a_JSON_error_and_the_process_keeps_serving(string target, string request)
    {
        var server = target == "router" ? servers.Router : servers.Runtime;
        var (method, path, body, expectedStatus, expectedError) = BadRequest(request);

        using var message = new HttpRequestMessage(method, new Uri(server.BaseAddress, path)) { Content = body is null ? null : Json(body) };
        using var answer = await servers.Client.SendAsync(message);
        var text = await answer.Content.ReadAsStringAsync();

        answer.StatusCode.Should().Be(expectedStatus, "{0} to the {1}: {2}", request, target, text);
        answer.Content.Headers.ContentType?.MediaType.Should().Be("application/json", "{0} to the {1}", request, target);
        var error = ErrorMessage(text);
        error.Should().NotBeNullOrWhiteSpace("the answer must carry a JSON error field: {0}", text);
        error.Should().Contain(expectedError);
        using var valid = await servers.Client.PostAsync(new Uri(server.BaseAddress, "v2/models/iris/infer"), Json(IrisRequests.Valid(0)));
        var validText = await valid.Content.ReadAsStringAsync();
        valid.StatusCode.Should().Be(HttpStatusCode.OK, "a valid request after {0}: {1}", request, validText);
        IrisRequests.ProblemWithAnswer(validText).Should().BeNull();
        server.HasExited.Should().BeFalse();
    }

    [Theory]
    [InlineData("router")]
    [InlineData("runtime")]
    public async Task A_stalled_body_gets_408_with_a_JSON_error_and_one_warning(string target)
    {
        var server = target == "router" ? servers.Router : servers.Runtime;

        var answer = await StalledBody.SendAsync(server.BaseAddress, "v2/models/iris/infer", 4096, """{"inputs":[""", TimeSpan.FromSeconds(30));

        answer.Status.Should().Be(408, "{0}: {1}", target, answer.Body);
        ErrorMessage(answer.Body).Should().StartWith("request body arrived too slowly: less than 1000 bytes/s", answer.Body);
        await server.WaitForOutputAsync("Refused POST /v2/models/iris/infer: 408");
        var output = server.RecentOutput;
        Regex.Count(output, "Refused POST /v2/models/iris/infer: 408").Should().Be(1, output);
        output.Should().NotContain("fail:").And.NotContain("unhandled exception");
        using var metrics = await servers.Client.GetAsync(new Uri(server.BaseAddress, "metrics"));
        (await metrics.Content.ReadAsStringAsync()).Should().MatchRegex("modelship_requests_total\\{code=\"408\",[^}]*\\} 1");
    }

    private static (HttpMethod Method, string Path, byte[]? Body, HttpStatusCode Status, string Error) BadRequest(string request) => request switch
    {
        "malformed JSON" => (HttpMethod.Post, "v2/models/iris/infer", Encoding.UTF8.GetBytes("""{"inputs":[{"name":"input","shape":[1,4],"""), HttpStatusCode.BadRequest, "malformed JSON"),
        "wrong datatype" => (HttpMethod.Post, "v2/models/iris/infer", IrisRequests.Body("input", "INT64", [1, 4], "5,3,1,0"), HttpStatusCode.BadRequest, "the model expects FP32"),
        "wrong shape" => (HttpMethod.Post, "v2/models/iris/infer", IrisRequests.Body("input", "FP32", [1, 3], "5.1,3.5,1.4"), HttpStatusCode.BadRequest, "the model expects [-1,4]"),
        "unknown model" => (HttpMethod.Post, "v2/models/no-such-model/infer", IrisRequests.Valid(0), HttpStatusCode.NotFound, "no-such-model"),
        "oversize body" => (HttpMethod.Post, "v2/models/iris/infer", OversizeBody(), HttpStatusCode.RequestEntityTooLarge, $"request body exceeds the limit of {MaxBodyBytes} bytes"),
        "invalid UTF-8" => (HttpMethod.Post, "v2/models/iris/infer", [.. "{\"inputs\":[{\"name\":\"in"u8, 0xFF, .. "put\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2]}]}"u8], HttpStatusCode.BadRequest, "not valid UTF-8"),
        "1e400 in FP32" => (HttpMethod.Post, "v2/models/iris/infer", IrisRequests.Body("input", "FP32", [1, 4], "5.1,1e400,1.4,0.2"), HttpStatusCode.BadRequest, "inputs[0] ('input'): element 1: 1e400 is out of range for FP32"),
        "300 in UINT8" => (HttpMethod.Post, "v2/models/iris/infer", IrisRequests.Body("input", "UINT8", [1, 4], "5,300,1,0"), HttpStatusCode.BadRequest, "inputs[0] ('input'): element 1: 300 is out of range for UINT8 (0 to 255)"),
        "GET on infer" => (HttpMethod.Get, "v2/models/iris/infer", null, HttpStatusCode.MethodNotAllowed, "method GET is not allowed on /v2/models/iris/infer; allowed: POST"),
        "GET /v2/models/" => (HttpMethod.Get, "v2/models/", null, HttpStatusCode.NotFound, "no endpoint GET /v2/models/"),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request, null),
    };

    /// <summary>A well-formed request, only too large: a thousand flowers.</summary>
    private static byte[] OversizeBody()
    {
        var body = IrisRequests.Body("input", "FP32", [1000, 4], string.Join(',', Enumerable.Repeat("5.1,3.5,1.4,0.2", 1000)));
        body.Length.Should().BeGreaterThan(MaxBodyBytes);
        return body;
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string? ErrorMessage(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A runtime and a router in front of it, both with a small body limit, shared by the cases.</summary>
    public sealed class Servers : IAsyncLifetime
    {
        private readonly RoutingTableFile _table = new();
        private ProcessGroup? _processes;

        public ModelshipProcess Runtime => _processes![0];

        public ModelshipProcess Router => _processes![1];

        public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(20) };

        public async Task InitializeAsync()
        {
            var environment = await ServingEnvironment.GetAsync();
            // A short grace period and a high minimum rate, so that a stalled body is refused within seconds.
            string[] limits = ["--max-body-bytes", $"{MaxBodyBytes}", "--min-body-rate", "1000", "--body-grace-period", "1.5"];
            var runtimePort = FreePort.Next();
            _table.Write(new RoutingTable
            {
                Generation = 1,
                ModelName = "iris",
                Backends = [new RoutingBackend { Name = "iris-v1", Version = "v1", Role = BackendRole.Champion, Url = ModelshipProcess.Url(runtimePort), ModelName = "iris" }],
            });
            _processes = await ProcessGroup.StartAsync(
            [
                ModelshipProcess.StartRuntimeAsync(environment, "v1", runtimePort, [.. limits]),
                ModelshipProcess.StartRouterAsync(environment, _table.Path, [.. limits]),
            ]);
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            if (_processes is not null)
            {
                await _processes.DisposeAsync();
            }
            _table.Dispose();
        }
    }
}
