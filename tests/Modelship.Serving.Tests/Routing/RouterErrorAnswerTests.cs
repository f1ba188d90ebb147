using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;
using Modelship.Serving.Http;
using Modelship.Serving.Routing;
using Modelship.Serving.Runtime;
using Modelship.Serving.Tests.Http;
using Modelship.Serving.Tests.Models;

namespace Modelship.Serving.Tests.Routing;

/// <summary>Every error the router produces, its own and routing's, is a V2 JSON error; each is counted once.</summary>
public sealed class RouterErrorAnswerTests
{
    /// <summary>The request bytes of a BYTES input whose one string holds the byte 0xFF, which is never UTF-8.</summary>
    internal static byte[] InvalidUtf8Request(string input) =>
        [.. Encoding.UTF8.GetBytes($$"""{"inputs":[{"name":"{{input}}","shape":[1],"datatype":"BYTES","data":["a"""), 0xFF, .. "\"]}]}"u8];

    [Theory]
    [InlineData("GET", "v2/models/iris/infer", HttpStatusCode.MethodNotAllowed, "method GET is not allowed on /v2/models/iris/infer; allowed: POST")]
    [InlineData("GET", "v2/models/iris/versions/v1/infer", HttpStatusCode.MethodNotAllowed, "allowed: POST")]
    [InlineData("POST", "v2/models/iris", HttpStatusCode.MethodNotAllowed, "allowed: GET")]
    [InlineData("DELETE", "v2/health/live", HttpStatusCode.MethodNotAllowed, "allowed: GET")]
    [InlineData("GET", "v2/models/", HttpStatusCode.NotFound, "no endpoint GET /v2/models/")]
    [InlineData("GET", "nothing/here", HttpStatusCode.NotFound, "no endpoint GET /nothing/here")]
    public async Task Routing_refusals_are_V2_JSON_errors(string method, string path, HttpStatusCode status, string message)
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        await using var router = await TestRouter.StartAsync(TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString(), version: "v1")));

        using var response = await router.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(status);
        (await ErrorOf(response)).Should().Contain(message);
        if (status == HttpStatusCode.MethodNotAllowed)
        {
            response.Content.Headers.Allow.Should().NotBeEmpty("a 405 keeps routing's Allow header");
        }
    }

    [Fact]
    public async Task Invalid_UTF8_reaches_the_runtime_and_its_400_comes_back_counted_on_both()
    {
        await using var runtime = await RuntimeHost.StartAsync(
            new RuntimeOptions { ModelPath = TestModels.PathOf(TestModels.MixedTypes), ModelName = "iris", ModelVersion = "v1", Port = 0, IntraOpThreads = 1 }, _ => { });
        await using var router = await TestRouter.StartAsync(TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, runtime.BaseAddress.ToString().TrimEnd('/'), version: "v1") with { ModelName = "iris" }));

        using var response = await router.Client.PostAsync("v2/models/iris/infer", Json(InvalidUtf8Request("labels")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorOf(response)).Should().Contain("not valid UTF-8");
        (await router.Client.GetStringAsync("metrics")).Should().Contain("modelship_requests_total{code=\"400\",model=\"iris\",role=\"champion\",version=\"v1\"} 1");
        using var runtimeClient = new HttpClient { BaseAddress = runtime.BaseAddress };
        (await runtimeClient.GetStringAsync("metrics")).Should().Contain("modelship_requests_total{code=\"400\",model=\"iris\",version=\"v1\"} 1");
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_routing_key_the_router_reads_is_its_own_400_and_counted()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        var table = TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString(), version: "v1")) with
        {
            StickyKey = new RoutingKey { Source = KeySource.Input, Name = "user" },
        };
        await using var router = await TestRouter.StartAsync(table);

        using var response = await router.Client.PostAsync("v2/models/iris/infer", Json(InvalidUtf8Request("user")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorOf(response)).Should().Contain("the routing key is not valid text");
        champion.InferRequests.Should().Be(0);
        (await router.Client.GetStringAsync("metrics")).Should().Contain("modelship_requests_total{code=\"400\",model=\"iris\",role=\"\",version=\"\"} 1");
    }

    [Fact]
    public async Task A_stalled_body_is_408_with_a_JSON_error_one_warning_and_a_count()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        var logs = new CapturedLogs();
        var limits = new RequestLimits { MinBodyBytesPerSecond = 1000, BodyGracePeriod = TimeSpan.FromSeconds(1.5) };
        await using var router = await TestRouter.StartAsync(
            TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString(), version: "v1")),
            new RouterOptions { Limits = limits },
            logging: logs.Configure);

        var answer = await StalledBody.SendAsync(router.Host.BaseAddress, "v2/models/iris/infer", 4096, "{\"inputs\":[", TimeSpan.FromSeconds(20));

        answer.Status.Should().Be(408);
        answer.Headers["content-type"].Should().Be("application/json");
        ErrorOf(answer.Body).Should().Be(limits.TooSlowMessage());
        champion.InferRequests.Should().Be(0);
        (await router.Client.GetStringAsync("metrics")).Should().Contain("modelship_requests_total{code=\"408\",model=\"iris\",role=\"\",version=\"\"} 1");
        logs.AtLeast(LogLevel.Warning).Should().ContainSingle("one line per stalled request: {0}", string.Join("; ", logs.AtLeast(LogLevel.Warning)))
            .Which.Should().Match<CapturedLogs.LogEntry>(e => e.Level == LogLevel.Warning && e.Message.Contains("408") && e.Exception == null);
        using var next = await router.InferAsync(TestRouter.IrisRequest);
        next.StatusCode.Should().Be(HttpStatusCode.OK, "the router keeps serving");
    }

    [Fact]
    public async Task The_router_and_the_runtime_refuse_an_oversize_body_with_the_same_error()
    {
        var limits = new RequestLimits { MaxBodyBytes = 2048 };
        await using var runtime = await RuntimeHost.StartAsync(
            new RuntimeOptions { ModelPath = TestModels.PathOf(TestModels.MixedTypes), ModelName = "iris", Port = 0, IntraOpThreads = 1, Limits = limits }, _ => { });
        await using var router = await TestRouter.StartAsync(
            TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, runtime.BaseAddress.ToString().TrimEnd('/'), version: "1") with { ModelName = "iris" }),
            new RouterOptions { Limits = limits });
        using var runtimeClient = new HttpClient { BaseAddress = runtime.BaseAddress };
        var body = Encoding.UTF8.GetBytes(new string(' ', 4096) + TestRouter.IrisRequest);

        using var fromRouter = await router.Client.PostAsync("v2/models/iris/infer", Json(body));
        using var fromRuntime = await runtimeClient.PostAsync("v2/models/iris/infer", Json(body));

        fromRouter.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        fromRuntime.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await ErrorOf(fromRouter)).Should().Be("request body exceeds the limit of 2048 bytes").And.Be(await ErrorOf(fromRuntime));
    }

    internal static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    internal static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return ErrorOf(await response.Content.ReadAsStringAsync());
    }

    internal static string ErrorOf(string body)
    {
        using var document = JsonDocument.Parse(body);
        document.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(["error"], "V2 errors are {{\"error\": \"...\"}}: {0}", body);
        return document.RootElement.GetProperty("error").GetString()!;
    }
}
