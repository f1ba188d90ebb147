using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.IntegrationTests.ArgoCD;

/// <summary>
/// ModelDeployments as the integration tests observed them in kube-apiserver, kept in Fixtures/ so the Lua tests
/// (<see cref="HealthFixtureTests"/>) run on real statuses without a cluster. The integration tests rewrite them
/// with <c>MODELSHIP_UPDATE_GOLDEN=1</c> (then review the diff); otherwise they leave them alone.
/// </summary>
public static class ArgoCDFixtures
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static bool Updating => Environment.GetEnvironmentVariable("MODELSHIP_UPDATE_GOLDEN") == "1";

    /// <summary>The object as the API serves it (what Argo CD's cache holds and hands the scripts as <c>obj</c>).</summary>
    public static async Task<JsonObject> ObserveAsync(KubernetesClient client, string ns, string name, ResourceType? resource = null)
    {
        var live = await client.For<GenericObject>(resource ?? MD.Resource).GetAsync(ns, name);
        return JsonSerializer.SerializeToNode(live, KubernetesJsonOptions.Default)!.AsObject();
    }

    public static void Record(string name, JsonObject observed)
    {
        if (!Updating)
        {
            return;
        }
        File.WriteAllText(PathOf(name), Normalize(observed).ToJsonString(Indented) + "\n");
    }

    public static JsonObject Load(string name) => JsonNode.Parse(File.ReadAllText(PathOf(name)))!.AsObject();

    public static string PathOf(string name, [CallerFilePath] string sourcePath = "") =>
        Path.Combine(Path.GetDirectoryName(sourcePath)!, "Fixtures", name + ".json");

    /// <summary>Without what differs on every run and says nothing about health: uid, resourceVersion, managedFields, the test's namespace.</summary>
    private static JsonObject Normalize(JsonObject observed)
    {
        var copy = observed.DeepClone().AsObject();
        var metadata = copy["metadata"]!.AsObject();
        foreach (var field in new[] { "uid", "resourceVersion", "managedFields", "selfLink", "creationTimestamp" })
        {
            metadata.Remove(field);
        }
        metadata["namespace"] = "models";
        if (copy["status"]?["endpoint"] is JsonValue endpoint)
        {
            copy["status"]!["endpoint"] = $"http://{(string?)copy["metadata"]!["name"]}.models.svc.cluster.local";
        }
        return copy;
    }
}
