using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Yaml;

namespace Modelship.IntegrationTests.ArgoCD;

/// <summary>
/// config/argocd/argocd-cm.yaml and argo-cd-values.yaml are generated from the Lua files by
/// hack/argocd-customizations.sh: they must be up to date and carry exactly those scripts under the keys Argo CD reads,
/// and install the way config/argocd/README.md says (kustomize patch, kubectl patch of a live argocd-cm).
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class CustomizationManifestTests(SharedClusterFixture fixture)
{
    private const string HealthKey = "resource.customizations.health.modelship.dev_ModelDeployment";
    private const string ActionsKey = "resource.customizations.actions.modelship.dev_ModelDeployment";
    private const string PipelineHealthKey = "resource.customizations.health.modelship.dev_Pipeline";
    private const string RefreshScheduleHealthKey = "resource.customizations.health.modelship.dev_RefreshSchedule";
    private static readonly string Root = ModelDeploymentCrd.RepositoryRoot();

    [Fact]
    public async Task The_generated_files_are_up_to_date()
    {
        var (exitCode, _, errors) = await RunAsync(Path.Combine(Root, "hack", "argocd-customizations.sh"), "--check");
        exitCode.Should().Be(0, $"run hack/argocd-customizations.sh and commit the result:\n{errors}");
    }

    [Fact]
    public void The_argocd_cm_patch_carries_the_scripts_as_Argo_CD_reads_them()
    {
        var data = ConfigMapPatch()["data"]!.AsObject();

        data.Select(d => d.Key).Should().BeEquivalentTo([HealthKey, ActionsKey, PipelineHealthKey, RefreshScheduleHealthKey]);
        AssertCarriesTheScripts(data);
    }

    [Fact]
    public void The_helm_values_carry_the_same_keys_under_configs_cm()
    {
        var values = YamlDocuments.Parse(File.ReadAllText(Path.Combine(Root, "config", "argocd", "argo-cd-values.yaml"))).Single();
        JsonNode.DeepEquals(values["configs"]!["cm"], ConfigMapPatch()["data"]).Should().BeTrue();
    }

    [Fact]
    public async Task A_kustomize_patch_adds_the_keys_to_an_existing_argocd_cm()
    {
        var dir = Directory.CreateTempSubdirectory("modelship-kustomize-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "argocd-cm-base.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: argocd-cm
                  namespace: argocd
                data:
                  url: https://argocd.example.com
                """);
            File.Copy(Path.Combine(Root, "config", "argocd", "argocd-cm.yaml"), Path.Combine(dir, "argocd-cm.yaml"));
            await File.WriteAllTextAsync(Path.Combine(dir, "kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - argocd-cm-base.yaml
                patches:
                  - path: argocd-cm.yaml
                """);

            var (exitCode, output, errors) = await RunAsync("kubectl", "kustomize", dir);
            exitCode.Should().Be(0, errors);
            var data = YamlDocuments.Parse(output).Single()["data"]!.AsObject();
            ((string?)data["url"]).Should().Be("https://argocd.example.com", "the patch keeps what argocd-cm had");
            AssertCarriesTheScripts(data);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Kubectl_patch_adds_the_keys_to_a_live_argocd_cm()
    {
        var ns = await fixture.Cluster.CreateNamespaceAsync("argocd");
        using var client = fixture.Cluster.AdminClient();
        await client.For<V1ConfigMap>().CreateAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "argocd-cm", NamespaceProperty = ns },
            Data = new Dictionary<string, string> { ["url"] = "https://argocd.example.com" },
        });
        // "adjust the namespace": the patch names argocd's.
        var patch = ConfigMapPatch();
        patch["metadata"]!["namespace"] = ns;
        var patchFile = Path.Combine(Path.GetTempPath(), $"modelship-argocd-cm-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(patchFile, patch.ToJsonString());
        try
        {
            var (exitCode, _, errors) = await RunAsync("kubectl", "--kubeconfig", fixture.Cluster.KubeconfigPath, "-n", ns, "patch", "configmap", "argocd-cm", "--patch-file", patchFile);
            exitCode.Should().Be(0, errors);
        }
        finally
        {
            File.Delete(patchFile);
        }

        var data = (await client.For<V1ConfigMap>().GetAsync(ns, "argocd-cm")).Data!;
        data["url"].Should().Be("https://argocd.example.com");
        AssertCarriesTheScripts(new JsonObject(data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)JsonValue.Create(d.Value)))));
    }

    private static JsonObject ConfigMapPatch()
    {
        var patch = YamlDocuments.Parse(File.ReadAllText(Path.Combine(Root, "config", "argocd", "argocd-cm.yaml"))).Single().AsObject();
        ((string?)patch["kind"]).Should().Be("ConfigMap");
        ((string?)patch["metadata"]!["name"]).Should().Be("argocd-cm");
        return patch;
    }

    /// <summary>The health scripts verbatim; the actions value is itself YAML: discovery.lua and one definition per action.</summary>
    private static void AssertCarriesTheScripts(JsonObject data)
    {
        ((string?)data[HealthKey]).Should().Be(File.ReadAllText(ArgoCDLua.HealthScript));
        ((string?)data[PipelineHealthKey]).Should().Be(File.ReadAllText(ArgoCDLua.PipelineHealthScript));
        ((string?)data[RefreshScheduleHealthKey]).Should().Be(File.ReadAllText(ArgoCDLua.RefreshScheduleHealthScript));
        var actions = YamlDocuments.Parse((string)data[ActionsKey]!).Single();
        ((string?)actions["discovery.lua"]).Should().Be(File.ReadAllText(ArgoCDLua.DiscoveryScript));
        var definitions = actions["definitions"]!.AsArray();
        definitions.Select(d => (string?)d!["name"]).Should().Equal(ArgoCDLua.ActionNames);
        foreach (var definition in definitions)
        {
            ((string?)definition!["action.lua"]).Should().Be(File.ReadAllText(ArgoCDLua.ActionScript((string)definition["name"]!)));
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
