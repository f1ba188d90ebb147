using System.Diagnostics;
using Modelship.Api.Routing;
using Modelship.Serving.Tests.Http;

namespace Modelship.Serving.Tests.Routing;

public class RouterMetricsEndpointTests
{
    [Fact]
    public async Task Metrics_endpoint_exposes_request_shadow_and_generation_series_that_promtool_accepts()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        await using var router = await TestRouter.StartAsync(TestRouter.Table(
            12,
            TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString(), version: "v1"),
            TestRouter.BackendFor("s", BackendRole.Shadow, TestRouter.UnreachableUrl(), version: "v2")));
        (await router.InferAsync(TestRouter.IrisRequest)).Dispose();

        using var response = await router.Client.GetAsync("metrics");
        var exposition = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        exposition.Should().Contain("modelship_requests_total{code=\"200\",model=\"iris\",role=\"champion\",version=\"v1\"} 1")
            .And.Contain("modelship_request_duration_seconds_bucket{model=\"iris\",role=\"champion\",version=\"v1\",le=\"0.005\"}")
            .And.Contain("modelship_routing_generation{model=\"iris\"} 12")
            .And.Contain("modelship_shadow_dropped_total{model=\"iris\",version=\"v2\"} 0");
        if (File.Exists("/usr/bin/promtool"))
        {
            (await PromtoolCheckAsync(exposition)).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task A_version_named_by_the_caller_that_the_table_lacks_is_counted_without_it_as_a_label()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        await using var router = await TestRouter.StartAsync(TestRouter.Table(3, TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString(), version: "v1")));
        using var unknown = await router.InferAsync(TestRouter.IrisRequest, "v2/models/iris/versions/caller-chosen-42/infer");

        var exposition = await router.Client.GetStringAsync("metrics");

        unknown.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        exposition.Should().Contain("modelship_requests_total{code=\"404\",model=\"iris\",role=\"\",version=\"unknown\"} 1")
            .And.NotContain("caller-chosen-42", "label values must never come from request data");
    }

    [Fact]
    public async Task A_thousand_bogus_versions_and_model_names_add_no_series()
    {
        await using var champion = await FakeV2Backend.StartAsync("champion");
        await using var router = await TestRouter.StartAsync(TestRouter.Table(
            3,
            TestRouter.BackendFor("c", BackendRole.Champion, champion.Url.ToString(), version: "v1"),
            TestRouter.BackendFor("s", BackendRole.Shadow, champion.Url.ToString(), version: "v2")));
        await SendBogusRequestsAsync(router, "warm-up", 1);
        var before = ExposedSeries.Keys(await router.Client.GetStringAsync("metrics"));

        await SendBogusRequestsAsync(router, "bogus", 1000);

        var exposition = await router.Client.GetStringAsync("metrics");
        ExposedSeries.Keys(exposition).Should().BeEquivalentTo(before, "label values come only from the routing table");
        exposition.Should().NotContain("bogus").And.Contain("model=\"unknown\"").And.Contain("version=\"unknown\"");
    }

    /// <summary>Each of <paramref name="count"/> rounds names a new version and a new model, on every V2 model path.</summary>
    private static async Task SendBogusRequestsAsync(TestRouter router, string prefix, int count)
    {
        using var throttle = new SemaphoreSlim(8);
        var requests = Enumerable.Range(0, count).SelectMany(i => new[]
        {
            (HttpMethod.Post, $"v2/models/iris/versions/{prefix}-{i}/infer"),
            (HttpMethod.Post, $"v2/models/{prefix}-{i}/infer"),
            (HttpMethod.Post, $"v2/models/{prefix}-{i}/versions/v1/infer"),
            (HttpMethod.Get, $"v2/models/iris/versions/{prefix}-{i}"),
            (HttpMethod.Get, $"v2/models/iris/versions/{prefix}-{i}/ready"),
            (HttpMethod.Get, $"v2/models/{prefix}-{i}/ready"),
            (HttpMethod.Get, $"v2/models/{prefix}-{i}/infer"),
            (HttpMethod.Get, $"{prefix}-{i}"),
        });
        await Task.WhenAll(requests.Select(async r =>
        {
            await throttle.WaitAsync();
            try
            {
                using var request = new HttpRequestMessage(r.Item1, r.Item2);
                if (r.Item1 == HttpMethod.Post)
                {
                    request.Content = new StringContent(TestRouter.IrisRequest, System.Text.Encoding.UTF8, "application/json");
                }
                using var response = await router.Client.SendAsync(request);
                ((int)response.StatusCode).Should().BeInRange(400, 499, r.Item2);
            }
            finally
            {
                throttle.Release();
            }
        }));
    }

    private static async Task<string> PromtoolCheckAsync(string exposition)
    {
        using var promtool = Process.Start(new ProcessStartInfo("/usr/bin/promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await promtool.StandardInput.WriteAsync(exposition);
        promtool.StandardInput.Close();
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();
        return promtool.ExitCode == 0 ? "" : output;
    }
}
