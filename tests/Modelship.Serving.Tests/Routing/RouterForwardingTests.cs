using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public class RouterForwardingTests
{
    [Fact]
    public async Task Fake_backend_answer_is_forwarded_with_routing_headers()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion-v1");
        await using var router = await TestRouter.StartAsync(TestRouter.Table(7, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString(), version: "v1")));

        using var response = await router.InferAsync(TestRouter.IrisRequest);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("x-modelship-model-version").Should().Equal("v1");
        response.Headers.GetValues("x-modelship-role").Should().Equal("champion");
        response.Headers.GetValues("x-modelship-routing-generation").Should().Equal("7");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var answer = JsonDocument.Parse(body);
        answer.RootElement.GetProperty("model_version").GetString().Should().Be("champion-v1");
        answer.RootElement.GetProperty("model_name").GetString().Should().Be("iris-c", "the router calls the backend's own model name");
        Encoding.UTF8.GetString(champion.LastRequestBody!).Should().Be(TestRouter.IrisRequest, "the body is forwarded byte for byte");
        champion.LastContentType.Should().StartWith("application/json");
    }

    [Fact]
    public async Task Fake_backend_error_status_and_body_pass_through()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        await using var router = await TestRouter.StartAsync(TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString())));

        using var response = await router.InferAsync("""{"inputs":[{"name":"x","data":["reject-me"]}]}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("champion rejects this input");
        response.Headers.GetValues("x-modelship-model-version").Should().Equal("c");
    }

    [Fact]
    public async Task Version_in_the_path_targets_that_Fake_backend_directly()
    {
        await using var champion = await FakeV2Backend.StartAsync("one");
        await using var challenger = await FakeV2Backend.StartAsync("two");
        await using var shadow = await FakeV2Backend.StartAsync("three");
        await using var router = await TestRouter.StartAsync(TestRouter.Table(
            1,
            TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString(), version: "1"),
            TestRouter.BackendFor("ch", BackendRole.Challenger, challenger.Url.ToString(), weight: 0, version: "2"),
            TestRouter.BackendFor("s", BackendRole.Shadow, shadow.Url.ToString(), version: "3")));

        for (var i = 0; i < 5; i++)
        {
            using var pinned = await router.InferAsync(TestRouter.IrisRequest, "v2/models/iris/versions/2/infer");
            pinned.Headers.GetValues("x-modelship-role").Should().Equal("challenger");
            (await pinned.Content.ReadAsStringAsync()).Should().Contain("\"model_version\":\"two\"");
        }
        using var toShadow = await router.InferAsync(TestRouter.IrisRequest, "v2/models/iris/versions/3/infer");
        using var unknown = await router.InferAsync(TestRouter.IrisRequest, "v2/models/iris/versions/9/infer");

        challenger.InferRequests.Should().Be(5, "the challenger has weight 0 and is reached only by its version path");
        (await toShadow.Content.ReadAsStringAsync()).Should().Contain("\"model_version\":\"three\"");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("has no version '9'");
    }

    [Fact]
    public async Task Metadata_and_readiness_come_from_the_Fake_champion()
    {
        await using var champion = await FakeV2Backend.StartAsync("champ");
        await using var challenger = await FakeV2Backend.StartAsync("chal");
        await using var router = await TestRouter.StartAsync(TestRouter.Table(
            3,
            TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString()),
            TestRouter.BackendFor("x", BackendRole.Challenger, challenger.Url.ToString(), weight: 50)));

        var metadata = await router.Client.GetStringAsync("v2/models/iris");
        var versionMetadata = await router.Client.GetStringAsync("v2/models/iris/versions/x");
        using var ready = await router.Client.GetAsync("v2/models/iris/ready");
        using var versionReady = await router.Client.GetAsync("v2/models/iris/versions/x/ready");
        using var otherModel = await router.Client.GetAsync("v2/models/mnist");
        var server = await router.Client.GetStringAsync("v2");
        var live = await router.Client.GetStringAsync("v2/health/live");
        var serverReady = await router.Client.GetStringAsync("v2/health/ready");

        metadata.Should().Contain("\"versions\":[\"champ\"]").And.Contain("\"name\":\"iris-c\"");
        versionMetadata.Should().Contain("\"versions\":[\"chal\"]");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.Headers.GetValues("x-modelship-role").Should().Equal("champion");
        versionReady.Headers.GetValues("x-modelship-role").Should().Equal("challenger");
        otherModel.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherModel.Content.ReadAsStringAsync()).Should().Contain("\"error\":\"model 'mnist' is not served here");
        server.Should().Contain("\"name\":\"modelship-router\"");
        live.Should().Be("""{"live":true}""");
        serverReady.Should().Be("""{"ready":true}""");
    }

    [Fact]
    public async Task Router_without_a_table_is_live_but_not_ready()
    {
        await using var router = await TestRouter.StartAsync(table: null);

        using var live = await router.Client.GetAsync("v2/health/live");
        using var ready = await router.Client.GetAsync("v2/health/ready");
        using var infer = await router.InferAsync(TestRouter.IrisRequest);

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        infer.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await infer.Content.ReadAsStringAsync()).Should().Be("""{"error":"the router has no routing table yet"}""");
    }

    [Fact]
    public async Task Unreachable_backend_gives_503_with_a_V2_error()
    {
        await using var router = await TestRouter.StartAsync(TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, TestRouter.UnreachableUrl())));

        using var response = await router.InferAsync(TestRouter.IrisRequest);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.GetValues("x-modelship-model-version").Should().Equal("c");
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        error.RootElement.GetProperty("error").GetString().Should().Contain("backend 'c'");
    }

    [Fact]
    public async Task Slow_Fake_backend_gives_504_after_the_timeout()
    {
        await using var slow = await FakeV2Backend.StartAsync("slow");
        slow.Delay = TimeSpan.FromSeconds(5);
        await using var router = await TestRouter.StartAsync(
            TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, slow.Url.ToString())),
            new RouterOptions { Timeout = TimeSpan.FromMilliseconds(300) });

        var watch = Stopwatch.StartNew();
        using var response = await router.InferAsync(TestRouter.IrisRequest);
        watch.Stop();

        response.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        (await response.Content.ReadAsStringAsync()).Should().Contain("no answer within 0.3 s");
        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(250)).And.BeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Body_over_the_limit_gives_413_with_or_without_content_length()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        await using var router = await TestRouter.StartAsync(
            TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString())),
            new RouterOptions { Limits = new() { MaxBodyBytes = 1024 } });
        var big = "{\"inputs\":[{\"name\":\"x\",\"data\":[\"" + new string('a', 2048) + "\"]}]}";

        using var withLength = await router.InferAsync(big);
        using var chunked = await router.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "v2/models/iris/infer")
        {
            Content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(big))),
        });
        using var small = await router.InferAsync(TestRouter.IrisRequest);

        withLength.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await withLength.Content.ReadAsStringAsync()).Should().Be("""{"error":"request body exceeds the limit of 1024 bytes"}""");
        chunked.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        small.StatusCode.Should().Be(HttpStatusCode.OK);
        champion.InferRequests.Should().Be(1);
    }

    [Fact]
    public async Task Malformed_json_is_400_only_when_a_key_must_be_read_from_it()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        var table = TestRouter.Table(1, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString()));
        await using var plain = await TestRouter.StartAsync(table);
        await using var sticky = await TestRouter.StartAsync(table with { StickyKey = new RoutingKey { Source = KeySource.Input, Name = "user" } });

        using var forwarded = await plain.InferAsync("{not json");
        using var rejected = await sticky.InferAsync("{not json");

        forwarded.StatusCode.Should().Be(HttpStatusCode.OK, "without an input key the router does not parse the body");
        Encoding.UTF8.GetString(champion.LastRequestBody!).Should().Be("{not json");
        rejected.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await rejected.Content.ReadAsStringAsync()).Should().StartWith("{\"error\":\"the request is not a valid V2 inference request");
        champion.InferRequests.Should().Be(1);
    }

    [Fact]
    public async Task Sticky_and_key_split_routing_reach_the_expected_Fake_backends()
    {
        await using var a = await FakeV2Backend.StartAsync("a");
        await using var b = await FakeV2Backend.StartAsync("b");
        var table = TestRouter.Table(
            1,
            TestRouter.BackendFor("a", BackendRole.Champion, a.Url.ToString()),
            TestRouter.BackendFor("b", BackendRole.Challenger, b.Url.ToString(), weight: 50)) with
        {
            StickyKey = new RoutingKey { Source = KeySource.Input, Name = "user" },
            KeySplit = new KeySplitRule { Source = KeySource.Header, Name = "x-country", Routes = new Dictionary<string, string> { ["de"] = "b" } },
        };
        await using var router = await TestRouter.StartAsync(table);
        var expectedForAlice = StickyHashSplit.Select(new SplitLayout(table), "alice").Name;

        var stickyVersions = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await router.InferAsync(TestRouter.IrisRequest);
            stickyVersions.Add(response.Headers.GetValues("x-modelship-model-version").Single());
        }
        using var german = await router.InferAsync(TestRouter.IrisRequest, configure: r => r.Headers.Add("x-country", "de"));

        stickyVersions.Should().AllBe(expectedForAlice);
        german.Headers.GetValues("x-modelship-model-version").Should().Equal("b");
    }

    [Fact]
    public async Task Request_metrics_count_by_version_role_and_code()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        await using var router = await TestRouter.StartAsync(TestRouter.Table(4, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString(), version: "v1")));
        using var metrics = new MetricsRecorder(router.Host.Metrics.Meter);

        for (var i = 0; i < 3; i++)
        {
            (await router.InferAsync(TestRouter.IrisRequest)).Dispose();
        }
        (await router.InferAsync("""{"inputs":[{"name":"x","data":["reject-me"]}]}""")).Dispose();

        metrics.Sum("modelship_requests_total", ("model", "iris"), ("version", "v1"), ("role", "champion"), ("code", "200")).Should().Be(3);
        metrics.Sum("modelship_requests_total", ("version", "v1"), ("code", "400")).Should().Be(1);
        metrics.Count("modelship_request_duration_seconds", ("version", "v1"), ("role", "champion")).Should().Be(4);
        metrics.Gauge("modelship_routing_generation", ("model", "iris")).Should().Be(4);
    }

    /// <summary>A body stream without a length, so the client sends it chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
