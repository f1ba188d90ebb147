using System.Globalization;
using System.Text;
using Modelship.ClusterTests.ArgoCD;
using Modelship.ClusterTests.Support;
using Xunit.Abstractions;

namespace Modelship.ClusterTests;

/// <summary>Scenario 2: examples/iris (champion, 20% challenger, shadow) as Pods; V2 requests through the endpoint Service.</summary>
public sealed class TrafficSplitTests(ITestOutputHelper output)
{
    private const int Requests = 400;

    [ClusterFact]
    public async Task Champion_challenger_and_shadow_become_Ready_answer_in_their_shares_and_the_router_compares_the_shadow()
    {
        await using var ns = await TestNamespace.CreateAsync("e2e-split");
        await using var watch = new KubectlWatch(ns.Kubectl, "modeldeployments", "-n", ns.Name);
        // The example as users find it, its models read from the claim instead of next to the file.
        var example = await File.ReadAllTextAsync(Path.Combine(ClusterEnvironment.RepositoryRoot(), "examples", "iris", "modeldeployment.yaml"));
        example.Should().Contain("file://./models/");
        await ns.Kubectl.ApplyAsync(example.Replace("file://./models/", $"pvc://{TestNamespace.ModelsClaim}/", StringComparison.Ordinal), "-n", ns.Name);
        var ready = await ModelDeployments.WaitReadyAsync(ns, "iris", TimeSpan.FromMinutes(4));
        output.WriteLine($"Ready: {ready}");
        await ModelDeployments.WaitServingAsync(ns, "iris");

        var endpoint = (string)(await ns.Kubectl.GetJsonAsync("service", "iris", "-n", ns.Name))["spec"]!["clusterIP"]!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Requests; i++)
        {
            using var content = new StringContent(IrisModelDeployment.RequestBody, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri($"http://{endpoint}/v2/models/iris/infer"), content);
            ((int)response.StatusCode).Should().Be(200, await response.Content.ReadAsStringAsync());
            var version = response.Headers.GetValues("x-modelship-model-version").Single();
            var role = response.Headers.GetValues("x-modelship-role").Single();
            (version, role).Should().BeOneOf(("v1", "champion"), ("v2", "challenger"));
            versions[version] = versions.GetValueOrDefault(version) + 1;
        }
        output.WriteLine($"answers: {string.Join(", ", versions.Select(v => $"{v.Key}={v.Value}"))}");
        // 20% of 400 is 80 with a standard deviation of 8: 4.5 of them either way.
        versions.GetValueOrDefault("v2").Should().BeInRange(44, 116, "the challenger takes 20%");
        versions.GetValueOrDefault("v1").Should().BeInRange(284, 356, "the champion takes the rest");
        versions.Should().NotContainKey("v3", "a shadow never answers the caller");

        var compared = await Eventually.ReturnsAsync(async () => await ShadowComparisonsAsync(ns) is var n and > 0 ? (object)n : null,
            TimeSpan.FromSeconds(30), "the router's /metrics count comparisons with the shadow v3");
        output.WriteLine($"modelship_shadow_comparisons_total{{version=\"v3\"}} summed over the routers: {compared}");

        await ArgoCDHealth.CheckEveryStatusAsync(watch.Objects());
    }

    /// <summary>modelship_shadow_comparisons_total of the shadow v3, summed over every router Pod's /metrics.</summary>
    private static async Task<double> ShadowComparisonsAsync(TestNamespace ns)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var total = 0.0;
        foreach (var (_, ip, _) in await Pods.ListAsync(ns.Kubectl, ns.Name, "app.kubernetes.io/component=router"))
        {
            var metrics = await http.GetStringAsync(new Uri($"http://{ip}:8080/metrics"));
            total += metrics.Split('\n')
                .Where(l => l.StartsWith("modelship_shadow_comparisons_total{", StringComparison.Ordinal) && l.Contains("version=\"v3\"", StringComparison.Ordinal))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        }
        return total;
    }
}
