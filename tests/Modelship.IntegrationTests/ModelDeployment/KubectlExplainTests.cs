using System.Diagnostics;
using Modelship.IntegrationTests.Infrastructure;

namespace Modelship.IntegrationTests.ModelDeployment;

[Collection(SharedClusterCollection.Name)]
public sealed class KubectlExplainTests(SharedClusterFixture fixture)
{
    private const string Kubectl = "/usr/bin/kubectl";

    [Fact]
    public async Task Kubectl_explain_shows_the_traffic_descriptions_of_the_generated_crd()
    {
        File.Exists(Kubectl).Should().BeTrue($"{Kubectl} is required for this test; install the Debian package kubernetes-client");
        await ModelDeploymentCrd.InstallAsync(fixture.Cluster.AdminClient());

        var output = "";
        await Eventually.HoldsAsync(async () =>
        {
            output = await RunAsync("explain", "modeldeployment.spec.traffic", "--kubeconfig", fixture.Cluster.KubeconfigPath);
            return output.Contains("challengers", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "kubectl explain serves the published schema");

        output.Should().MatchRegex("KIND:\\s+ModelDeployment").And.MatchRegex("(FIELD|RESOURCE):\\s+traffic");
        // The descriptions come from the C# [Description] attributes through the generated CRD.
        output.Should().Contain("Traffic declares challengers (sharing the traffic with the champion)");
        output.Should().Contain("challengers").And.Contain("shadows");
    }

    private static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await stdout + await stderr;
    }
}
