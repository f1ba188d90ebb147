using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Modelship.Api.Routing;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;

namespace Modelship.EndToEnd;

/// <summary>A routing table whose shadow is down (nothing listens on its port) must not change what callers get.</summary>
public sealed class ShadowDownTests
{
    private const int Requests = 100;

    [Fact]
    public async Task A_shadow_that_is_down_leaves_every_answer_unchanged()
    {
        var environment = await ServingEnvironment.GetAsync();
        var runtimePort = FreePort.Next();
        using var table = new RoutingTableFile();
        table.Write(new RoutingTable
        {
            Generation = 7,
            ModelName = "iris",
            Backends =
            [
                new RoutingBackend { Name = "iris-v1", Version = "v1", Role = BackendRole.Champion, Url = ModelshipProcess.Url(runtimePort), ModelName = "iris" },
                new RoutingBackend { Name = "iris-v3", Version = "v3", Role = BackendRole.Shadow, Url = $"http://127.0.0.1:{FreePort.Next()}/", ModelName = "iris" },
            ],
        });
        await using var processes = await ProcessGroup.StartAsync(
            [ModelshipProcess.StartRuntimeAsync(environment, "v1", runtimePort), ModelshipProcess.StartRouterAsync(environment, table.Path)]);
        var (runtime, router) = (processes[0], processes[1]);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };

        for (var i = 0; i < Requests; i++)
        {
            var direct = await InferAsync(client, runtime, i);
            var routed = await InferAsync(client, router, i);

            routed.Status.Should().Be(HttpStatusCode.OK, "request {0} through the router: {1}", i, routed.Body);
            routed.Body.Should().Be(direct.Body, "the router returns the champion's answer, shadow or not");
            routed.Version.Should().Be("v1");
        }

        var shadowErrors = await ShadowErrorsAsync(client, router);
        shadowErrors.Should().BeGreaterThan(0, "the router did mirror to the shadow, which failed; router output:\n{0}", router.RecentOutput);
        router.HasExited.Should().BeFalse();
    }

    private static async Task<(HttpStatusCode Status, string Body, string? Version)> InferAsync(HttpClient client, ModelshipProcess server, int index)
    {
        using var content = new ByteArrayContent(IrisRequests.Valid(index));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(new Uri(server.BaseAddress, "v2/models/iris/infer"), content);
        var version = response.Headers.TryGetValues("x-modelship-model-version", out var values) ? values.First() : null;
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), version);
    }

    /// <summary>The router's modelship_shadow_errors_total for the shadow, once the mirror has had time to try it.</summary>
    private static async Task<double> ShadowErrorsAsync(HttpClient client, ModelshipProcess router)
    {
        var series = new Regex("""^modelship_shadow_errors_total\{[^}]*version="v3"[^}]*\} (\S+)""", RegexOptions.Multiline);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        double errors;
        do
        {
            var metrics = await client.GetStringAsync(new Uri(router.BaseAddress, "metrics"));
            errors = series.Matches(metrics).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            if (errors > 0)
            {
                break;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        return errors;
    }
}
