using System.Diagnostics;
using Modelship.Api.Routing;

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
        exposition.Should().Contain("modelship_requests_total{code=\"404\",model=\"iris\",role=\"\",version=\"\"} 1")
            .And.NotContain("caller-chosen-42", "label values must never come from request data");
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
