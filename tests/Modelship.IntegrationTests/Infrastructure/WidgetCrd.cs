using System.Text.Json.Nodes;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.IntegrationTests.Infrastructure;

/// <summary>A small custom resource for tests of the client itself (the product's CRDs have tests of their own).</summary>
public static class WidgetCrd
{
    public static readonly ResourceType Resource = new("tests.modelship.dev", "v1", "Widget", "widgets", Namespaced: true);

    /// <summary>Installs the tests' Widget CRD (idempotently, with server-side apply) and waits until it is Established.</summary>
    public static async Task InstallAsync(KubernetesClient client)
    {
        var crds = client.For<CustomResourceDefinition>();
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{
              "spec":{"type":"object","properties":{"size":{"type":"integer","minimum":0,"maximum":10},"color":{"type":"string"}}},
              "status":{"type":"object","properties":{"phase":{"type":"string"},"observedGeneration":{"type":"integer"}}}}}
            """)!.AsObject();
        await crds.ApplyAsync(new CustomResourceDefinition
        {
            Metadata = new() { Name = "widgets.tests.modelship.dev" },
            Spec = new CustomResourceDefinitionSpec
            {
                Group = Resource.Group,
                Scope = "Namespaced",
                Names = new CustomResourceDefinitionNames { Kind = "Widget", ListKind = "WidgetList", Plural = "widgets", Singular = "widget" },
                Versions =
                [
                    new CustomResourceDefinitionVersion
                    {
                        Name = "v1", Served = true, Storage = true,
                        Schema = new CustomResourceValidation { OpenApiV3Schema = schema },
                        Subresources = new CustomResourceSubresources { Status = new JsonObject() },
                    },
                ],
            },
        }, new ApplyOptions { Force = true });
        await Eventually.HoldsAsync(async () =>
        {
            var crd = await crds.GetAsync(null, "widgets.tests.modelship.dev");
            return crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
        }, TimeSpan.FromSeconds(20), "the Widget CRD is Established");
        // Established can precede the REST endpoint by a moment.
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await client.For(Resource).ListAsync("default");
                return true;
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20), "the widgets endpoint serves");
    }
}
