using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s.Models;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Yaml;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>Installs the generated CRD from crds/ (what users apply) and waits until it serves.</summary>
public static class ModelDeploymentCrd
{
    /// <summary>Found from this source file's path, so builds with any artifacts path work.</summary>
    public static string RepositoryRoot([CallerFilePath] string sourcePath = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourcePath)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Operator.sln not found above " + sourcePath);
    }

    public static string CrdPath => Path.Combine(RepositoryRoot(), "crds", "modelship.dev_modeldeployments.yaml");

    /// <summary>The router ClusterRole, as config/default and the chart name it (modelship-router).</summary>
    public static Task InstallRouterClusterRoleAsync(KubernetesClient client)
    {
        var options = new Operator.Controllers.ModelDeployment.Builders.ModelDeploymentBuildOptions();
        var rules = Operator.Rbac.RbacManifests.Rules(options.RouterClusterRole)[Operator.Rbac.RbacRoles.Router];
        return client.For<V1ClusterRole>().ApplyAsync(Operator.Rbac.RbacManifests.AsClusterRole(Operator.Rbac.RbacRoles.Router, options.RouterClusterRole, rules), new ApplyOptions { Force = true });
    }

    public static string ServingRuntimeCrdPath => Path.Combine(RepositoryRoot(), "crds", "modelship.dev_servingruntimes.yaml");

    /// <summary>The ModelDeployment CRD, and the ServingRuntime CRD its controller (and the Pipeline controller) watch.</summary>
    public static async Task InstallAsync(KubernetesClient client)
    {
        await InstallAsync(client, CrdPath, Api.V1Alpha1.ModelDeployment.Resource);
        await InstallAsync(client, ServingRuntimeCrdPath, Api.V1Alpha1.ServingRuntime.Resource);
    }

    /// <summary>Installs the generated CRD at <paramref name="path"/> and waits until <paramref name="resource"/> serves.</summary>
    public static async Task InstallAsync(KubernetesClient client, string path, ResourceType resource)
    {
        var document = YamlDocuments.Parse(await File.ReadAllTextAsync(path)).Single();
        var crd = document.Deserialize<CustomResourceDefinition>(KubernetesJsonOptions.Default)!;
        var crds = client.For<CustomResourceDefinition>();
        await crds.ApplyAsync(crd, new ApplyOptions { Force = true });
        await Eventually.HoldsAsync(async () =>
        {
            var live = await crds.GetAsync(null, crd.Metadata.Name!);
            return live.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
        }, TimeSpan.FromSeconds(20), $"the {resource.Kind} CRD is Established");
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await client.For<GenericObject>(resource).ListAsync("default");
                return true;
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20), $"the {resource.Plural} endpoint serves");
    }
}
