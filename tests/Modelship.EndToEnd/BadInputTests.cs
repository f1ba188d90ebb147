using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;

namespace Modelship.EndToEnd;

/// <summary>
/// Requests that callers get wrong, sent to a runtime process and to a router process in front of it: each gets a
/// 4xx with a JSON error, and the process keeps serving valid requests.
/// </summary>
public sealed class BadInputTests(BadInputTests.Servers servers) : IClassFixture<BadInputTests.Servers>
{
    public const int MaxBodyBytes = 4096;

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var target in new[] { "router", "runtime" })
        {
            foreach (var request in new[] { "malformed JSON", "wrong datatype", "wrong shape", "unknown model", "oversize body" })
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
        var (path, body, expectedStatus) = BadRequest(request);

        using var answer = await servers.Client.PostAsync(new Uri(server.BaseAddress, path), Json(body));
        var text = await answer.Content.ReadAsStringAsync();

        answer.StatusCode.Should().Be(expectedStatus, "{0} to the {1}: {2}", request, target, text);
        var error = ErrorMessage(text);
        error.Should().NotBeNullOrWhiteSpace("the answer must carry a JSON error field: {0}", text);
        if (request == "oversize body")
        {
            error.Should().Contain(MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "the 413 names the limit");
        }
        using var valid = await servers.Client.PostAsync(new Uri(server.BaseAddress, "v2/models/iris/infer"), Json(IrisRequests.Valid(0)));
        var validText = await valid.Content.ReadAsStringAsync();
        valid.StatusCode.Should().Be(HttpStatusCode.OK, "a valid request after {0}: {1}", request, validText);
        IrisRequests.ProblemWithAnswer(validText).Should().BeNull();
        server.HasExited.Should().BeFalse();
    }

    private static (string Path, byte[] Body, HttpStatusCode Status) BadRequest(string request) => request switch
    {
        "malformed JSON" => ("v2/models/iris/infer", Encoding.UTF8.GetBytes("""{"inputs":[{"name":"input","shape":[1,4],"""), HttpStatusCode.BadRequest),
        "wrong datatype" => ("v2/models/iris/infer", IrisRequests.Body("input", "INT64", [1, 4], "5,3,1,0"), HttpStatusCode.BadRequest),
        "wrong shape" => ("v2/models/iris/infer", IrisRequests.Body("input", "FP32", [1, 3], "5.1,3.5,1.4"), HttpStatusCode.BadRequest),
        "unknown model" => ("v2/models/no-such-model/infer", IrisRequests.Valid(0), HttpStatusCode.NotFound),
        "oversize body" => ("v2/models/iris/infer", OversizeBody(), HttpStatusCode.RequestEntityTooLarge),
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
            var limit = $"{MaxBodyBytes}";
            var runtimePort = FreePort.Next();
            _table.Write(new RoutingTable
            {
                Generation = 1,
                ModelName = "iris",
                Backends = [new RoutingBackend { Name = "iris-v1", Version = "v1", Role = BackendRole.Champion, Url = ModelshipProcess.Url(runtimePort), ModelName = "iris" }],
            });
            _processes = await ProcessGroup.StartAsync(
            [
                ModelshipProcess.StartRuntimeAsync(environment, "v1", runtimePort, "--max-body-bytes", limit),
                ModelshipProcess.StartRouterAsync(environment, _table.Path, "--max-body-bytes", limit),
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
