using System.Text.Json.Nodes;
using Modelship.IntegrationTests.Chart;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Yaml;

namespace Modelship.IntegrationTests.Install;

/// <summary>
/// config/default, as `make deploy` applies it: `kubectl kustomize` renders it, the real kube-apiserver accepts it
/// (server-side dry run, then for real), and every object is there with the labels the install promises.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class KustomizeConfigTests(SharedClusterFixture fixture)
{
    private readonly Kubectl _kubectl = new(fixture.Cluster.KubeconfigPath);

    [Fact]
    public async Task Config_default_applies_and_creates_every_object_with_its_labels()
    {
        var rendered = await _kubectl.RunAsync("kustomize", Path.Combine(HelmRender.RepositoryRoot, "config", "default"));
        rendered.ExitCode.Should().Be(0, rendered.ToString());
        var objects = YamlDocuments.Parse(rendered.Stdout).Select(o => o.AsObject()).ToList();
        objects.Select(Describe).Should().BeEquivalentTo(
            "Namespace//modelship-system",
            "CustomResourceDefinition//modeldeployments.modelship.dev",
            "CustomResourceDefinition//pipelines.modelship.dev",
            "CustomResourceDefinition//refreshschedules.modelship.dev",
            "CustomResourceDefinition//servingruntimes.modelship.dev",
            "ServiceAccount/modelship-system/modelship-operator",
            "ClusterRole//modelship-operator",
            "ClusterRole//modelship-operator-cluster",
            "ClusterRole//modelship-router",
            "ClusterRoleBinding//modelship-operator",
            "ClusterRoleBinding//modelship-operator-cluster",
            "Role/modelship-system/modelship-leader-election",
            "RoleBinding/modelship-system/modelship-leader-election",
            "Service/modelship-system/modelship-operator-metrics",
            "Deployment/modelship-system/modelship-operator");
        var manifest = Path.Combine(Path.GetTempPath(), $"modelship-kustomize-{Guid.NewGuid():N}.yaml");
        var namespaceManifest = manifest + ".namespace.json";
        await File.WriteAllTextAsync(manifest, rendered.Stdout);
        await File.WriteAllTextAsync(namespaceManifest, objects.Single(o => (string?)o["kind"] == "Namespace").ToJsonString());
        try
        {
            // A server-side dry run of namespaced objects needs their namespace to exist: the install's own, first.
            foreach (string[] apply in (string[][])[["-f", namespaceManifest], ["--dry-run=server", "-f", manifest], ["-f", manifest]])
            {
                var result = await _kubectl.RunAsync(["apply", "--server-side", "--force-conflicts", "--field-manager=kustomize-test", .. apply]);
                result.ExitCode.Should().Be(0, result.ToString());
            }
        }
        finally
        {
            File.Delete(manifest);
            File.Delete(namespaceManifest);
        }

        foreach (var expected in objects)
        {
            var kind = (string)expected["kind"]!;
            var name = (string)expected["metadata"]!["name"]!;
            var ns = (string?)expected["metadata"]!["namespace"];
            var live = await _kubectl.RunAsync([.. (ns is null ? [] : new[] { "-n", ns }), "get", $"{kind}/{name}", "-o", "json"]);
            live.ExitCode.Should().Be(0, live.ToString());
            var labels = JsonNode.Parse(live.Stdout)!["metadata"]!["labels"]!.AsObject();
            ((string?)labels["app.kubernetes.io/part-of"]).Should().Be("modelship", $"{kind}/{name} is part of the install");
            ((string?)labels["app.kubernetes.io/managed-by"]).Should().Be("kustomize", $"{kind}/{name} says who installed it");
        }

        var deployment = objects.Single(o => Describe(o) == "Deployment/modelship-system/modelship-operator");
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var image = (string)container["image"]!;
        image.Should().Be("ghcr.io/modelship/modelship:0.2.0");
        ((string?)container["env"]!.AsArray().Single(e => (string?)e!["name"] == "MODELSHIP_IMAGE")!["value"]).Should().Be(image, "the operator starts model servers and routers with its own image");
        ((string?)deployment["spec"]!["template"]!["spec"]!["serviceAccountName"]).Should().Be("modelship-operator");
        var binding = objects.Single(o => Describe(o) == "ClusterRoleBinding//modelship-operator");
        ((string?)binding["subjects"]![0]!["namespace"]).Should().Be("modelship-system");
        ((string?)binding["subjects"]![0]!["name"]).Should().Be("modelship-operator");
    }

    private static string Describe(JsonObject o) => $"{o["kind"]}/{o["metadata"]?["namespace"]}/{o["metadata"]?["name"]}";
}
