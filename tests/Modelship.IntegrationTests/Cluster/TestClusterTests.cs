using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Modelship.IntegrationTests.Infrastructure;

namespace Modelship.IntegrationTests.Cluster;

[Collection(SharedClusterCollection.Name)]
public sealed class TestClusterTests(SharedClusterFixture fixture)
{
    [Fact]
    public async Task Reports_version_v1_20_2()
    {
        var version = await fixture.Cluster.AdminHttp.GetStringAsync(new Uri(fixture.Cluster.Server, "/version"));

        JsonDocument.Parse(version).RootElement.GetProperty("gitVersion").GetString().Should().Be("v1.20.2");
    }

    [Fact]
    public async Task Stops_etcd_and_kube_apiserver_on_dispose()
    {
        var cluster = await TestCluster.TestCluster.StartAsync();
        var apiServer = cluster.ApiServerProcessId!.Value;

        await cluster.DisposeAsync();

        IsRunning(apiServer).Should().BeFalse();
        using var http = new HttpClient();
        var etcd = () => http.GetAsync(new Uri($"{cluster.EtcdEndpoint}/health"));
        await etcd.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Unprivileged_token_is_authenticated_but_forbidden()
    {
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        http.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Cluster.UnprivilegedToken);

        using var response = await http.GetAsync(new Uri(fixture.Cluster.Server, "/api/v1/namespaces/default/configmaps"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
