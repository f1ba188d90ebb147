using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;

namespace Modelship.EndToEnd.Grpc;

/// <summary>
/// The router's splits through gRPC metadata: a sticky key and a key split read from metadata pick the same backends
/// as the same headers over REST, since gRPC requests take the REST routing path.
/// </summary>
public sealed class GrpcRoutingTests
{
    private static readonly string[] Users = [.. Enumerable.Range(0, 24).Select(i => $"user-{i}")];

    [Fact]
    public async Task Sticky_and_key_splits_read_grpc_metadata_like_rest_headers()
    {
        var environment = await ServingEnvironment.GetAsync();
        var python = await GrpcPythonClient.GetAsync();
        var (v1Port, v2Port, grpcPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        using var table = new RoutingTableFile();
        table.Write(new RoutingTable
        {
            Generation = 3,
            ModelName = "iris",
            Backends =
            [
                new RoutingBackend { Name = "iris-v1", Version = "v1", Role = BackendRole.Champion, Weight = 50, Url = ModelshipProcess.Url(v1Port), ModelName = "iris" },
                new RoutingBackend { Name = "iris-v2", Version = "v2", Role = BackendRole.Challenger, Weight = 50, Url = ModelshipProcess.Url(v2Port), ModelName = "iris" },
            ],
            StickyKey = new RoutingKey { Source = KeySource.Header, Name = "x-user" },
            KeySplit = new KeySplitRule { Source = KeySource.Header, Name = "x-segment", Routes = new Dictionary<string, string> { ["beta"] = "iris-v2" } },
        });
        await using var processes = await ProcessGroup.StartAsync(
        [
            ModelshipProcess.StartRuntimeAsync(environment, "v1", v1Port),
            ModelshipProcess.StartRuntimeAsync(environment, "v2", v2Port),
            ModelshipProcess.StartRouterAsync(environment, table.Path, "--grpc-port", $"{grpcPort}"),
        ]);
        var router = processes[2];

        var sticky = await python.RunAsync($"127.0.0.1:{grpcPort}", ["route", "iris", "x-user", .. Users]);
        var segment = await python.RunAsync($"127.0.0.1:{grpcPort}", "route", "iris", "x-segment", "beta");

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var grpcVersions = new Dictionary<string, string>();
        foreach (var user in sticky.EnumerateArray())
        {
            var versions = user.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("version_header").GetString()!).ToList();
            var key = user.GetProperty("key").GetString()!;
            versions.Distinct().Should().ContainSingle("a sticky key keeps {0} on one version: {1}", key, user.GetRawText());
            grpcVersions[key] = versions[0];
            (await RestVersionAsync(client, router, "x-user", key)).Should().Be(versions[0], "REST and gRPC route {0} alike", key);
        }

        grpcVersions.Values.Distinct().Should().BeEquivalentTo(["v1", "v2"], "24 users split 50/50 reach both versions");
        segment[0].GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("version_header").GetString())
            .Should().Equal(["v2", "v2"], "x-segment: beta routes to iris-v2");
        segment[0].GetProperty("answers")[0].GetProperty("model_version").GetString().Should().Be("v2");
    }

    private static async Task<string?> RestVersionAsync(HttpClient client, ModelshipProcess router, string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(router.BaseAddress, "v2/models/iris/infer"))
        {
            Content = new StringContent("""{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(header, value);
        using var response = await client.SendAsync(request);
        return response.Headers.TryGetValues("x-modelship-model-version", out var values) ? values.First() : null;
    }
}
