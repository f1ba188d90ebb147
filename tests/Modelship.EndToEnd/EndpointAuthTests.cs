using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;

namespace Modelship.EndToEnd;

/// <summary>
/// A real <c>modelship router</c> with <c>--auth-token-dir</c> and <c>--admin-token-dir</c> in front of a real
/// runtime: tokens are checked, rotated by editing the directory without a restart, and the admin endpoints take
/// only the admin tokens.
/// </summary>
public sealed class EndpointAuthTests : IDisposable
{
    private readonly string _tokens = Directory.CreateTempSubdirectory("modelship-e2e-tokens-").FullName;
    private readonly string _adminTokens = Directory.CreateTempSubdirectory("modelship-e2e-admin-").FullName;
    private readonly string _logs = Directory.CreateTempSubdirectory("modelship-e2e-logs-").FullName;

    public void Dispose()
    {
        foreach (var directory in new[] { _tokens, _adminTokens, _logs })
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Tokens_are_required_checked_and_rotated_without_a_restart()
    {
        var environment = await ServingEnvironment.GetAsync();
        File.WriteAllText(Path.Combine(_tokens, "client-2026-11"), "old-token\n");
        File.WriteAllText(Path.Combine(_adminTokens, "ops"), "admin-token\n");
        var runtimePort = FreePort.Next();
        using var table = new RoutingTableFile();
        table.Write(new RoutingTable
        {
            Generation = 1,
            ModelName = "iris",
            Backends = [new RoutingBackend { Name = "iris-v1", Version = "v1", Role = BackendRole.Champion, Url = ModelshipProcess.Url(runtimePort), ModelName = "iris" }],
            Log = new InferenceLogSettings { SampleRate = 1 },
        });
        await using var processes = await ProcessGroup.StartAsync(
        [
            ModelshipProcess.StartRuntimeAsync(environment, "v1", runtimePort),
            ModelshipProcess.StartRouterAsync(environment, table.Path, "--auth-token-dir", _tokens, "--admin-token-dir", _adminTokens, "--log-dir", _logs),
        ]);
        var router = processes[1];
        using var client = new HttpClient { BaseAddress = router.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

        var missing = await InferAsync(client, null);
        missing.Status.Should().Be(HttpStatusCode.Unauthorized);
        missing.Challenge.Should().Be("Bearer realm=\"modelship\"");
        JsonDocument.Parse(missing.Body).RootElement.GetProperty("error").GetString().Should().StartWith("missing bearer token");
        (await InferAsync(client, "wrong-token")).Status.Should().Be(HttpStatusCode.Unauthorized);
        var served = await InferAsync(client, "old-token");
        served.Status.Should().Be(HttpStatusCode.OK, served.Body);
        IrisRequests.ProblemWithAnswer(served.Body).Should().BeNull();

        // Open without a token: probes and Prometheus.
        (await client.GetAsync("v2/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("v2/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("metrics")).StatusCode.Should().Be(HttpStatusCode.OK);

        // The inference log: admin tokens only.
        (await GetAsync(client, "v2/logs", null)).Should().Be(HttpStatusCode.Unauthorized);
        (await GetAsync(client, "v2/logs", "old-token")).Should().Be(HttpStatusCode.Unauthorized);
        (await GetAsync(client, "v2/logs", "admin-token")).Should().Be(HttpStatusCode.OK);
        (await GetAsync(client, "v2/logs/export", "admin-token")).Should().Be(HttpStatusCode.OK);

        // Rotation as a Secret edit does it: the new key is added, clients move, the old key is removed.
        File.WriteAllText(Path.Combine(_tokens, "client-2026-12"), "new-token");
        await EventuallyAsync(async () => (await InferAsync(client, "new-token")).Status == HttpStatusCode.OK, "the added token is accepted");
        (await InferAsync(client, "old-token")).Status.Should().Be(HttpStatusCode.OK, "both tokens are valid while clients move");
        File.Delete(Path.Combine(_tokens, "client-2026-11"));
        await EventuallyAsync(async () => (await InferAsync(client, "old-token")).Status == HttpStatusCode.Unauthorized, "the removed token is refused");
        (await InferAsync(client, "new-token")).Status.Should().Be(HttpStatusCode.OK);
        router.HasExited.Should().BeFalse("rotation needs no restart");
    }

    private static async Task<(HttpStatusCode Status, string Body, string? Challenge)> InferAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/models/iris/infer") { Content = new ByteArrayContent(IrisRequests.Valid(1)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.WwwAuthenticate.ToString() is { Length: > 0 } challenge ? challenge : null);
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, because);
            await Task.Delay(100);
        }
    }
}
