using System.Text.Json.Nodes;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.Kubernetes.Yaml;

namespace Modelship.IntegrationTests.ArgoCD;

/// <summary>examples/argocd/application.yaml: the operator's chart, then a ModelDeployment from this repository.</summary>
public sealed class ExampleApplicationTests
{
    private static readonly string Root = ModelDeploymentCrd.RepositoryRoot();

    [Fact]
    public void Installs_the_chart_then_the_samples()
    {
        var applications = YamlDocuments.Parse(File.ReadAllText(Path.Combine(Root, "examples", "argocd", "application.yaml")));

        applications.Should().HaveCount(2).And.OnlyContain(a => (string?)a["apiVersion"] == "argoproj.io/v1alpha1" && (string?)a["kind"] == "Application");
        var chart = applications[0]!;
        ((string?)chart["spec"]!["source"]!["path"]).Should().Be("charts/modelship");
        ((string?)chart["spec"]!["destination"]!["namespace"]).Should().Be("modelship-system");
        SyncOptions(chart).Should().Contain(["CreateNamespace=true", "ServerSideApply=true"]);

        var models = applications[1]!;
        var path = (string)models["spec"]!["source"]!["path"]!;
        // A plain directory: Argo CD applies every manifest in it (as `kubectl apply -f config/samples/` does).
        File.Exists(Path.Combine(Root, path, "kustomization.yaml")).Should().BeFalse("the samples directory must work with kubectl apply -f");
        var manifests = Directory.GetFiles(Path.Combine(Root, path), "*.yaml").SelectMany(f => YamlDocuments.Parse(File.ReadAllText(f)));
        manifests.Should().Contain(m => (string?)m["kind"] == "ModelDeployment", "the second Application deploys a model");
        SyncOptions(models).Should().Contain("SkipDryRunOnMissingResource=true", "its CRD comes with the first Application");
        ((string?)models["metadata"]!["annotations"]!["argocd.argoproj.io/sync-wave"]).Should().Be("1");
    }

    private static IEnumerable<string?> SyncOptions(JsonNode application) =>
        application["spec"]!["syncPolicy"]!["syncOptions"]!.AsArray().Select(o => (string?)o);
}
