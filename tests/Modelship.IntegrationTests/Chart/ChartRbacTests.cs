using System.Text.Json.Nodes;
using Modelship.Kubernetes.Yaml;

namespace Modelship.IntegrationTests.Chart;

/// <summary>
/// The chart grants what config/rbac (generated from the [RbacRule] attributes) grants: the operator's roles there
/// (however split between ClusterRole and leader-election Role) equal the chart's operator and leader-election rules
/// together, and the router's role is the same.
/// </summary>
public sealed class ChartRbacTests
{
    [Fact]
    public async Task The_chart_grants_the_generated_rules()
    {
        var render = await HelmRender.TemplateAsync("-n", "modelship-system");
        render.ExitCode.Should().Be(0, render.ToString());
        var chart = new RenderedChart(render.Stdout);
        var generated = Directory.GetFiles(Path.Combine(HelmRender.RepositoryRoot, "config", "rbac"), "*.yaml")
            .SelectMany(file => YamlDocuments.Parse(File.ReadAllText(file)))
            .Select(node => node.AsObject())
            .Where(o => (string?)o["kind"] is "ClusterRole" or "Role")
            .ToList();
        var isRouter = (JsonObject role) => RenderedChart.Name(role)!.EndsWith("router", StringComparison.Ordinal);

        var chartOperator = Permissions(chart.Single("ClusterRole", "modelship-operator"))
            .Union(Permissions(chart.Single("ClusterRole", "modelship-operator-cluster")))
            .Union(Permissions(chart.Single("Role", "modelship-leader-election", "modelship-system")));
        chartOperator.Should().BeEquivalentTo(generated.Where(r => !isRouter(r)).SelectMany(Permissions));
        Permissions(chart.Single("ClusterRole", "modelship-router")).Should().BeEquivalentTo(Permissions(generated.Single(isRouter)));
    }

    /// <summary>Each (apiGroup, resource, resourceName, verb) a role's rules allow.</summary>
    private static HashSet<string> Permissions(JsonObject role) =>
        (from rule in role["rules"]!.AsArray()
         from apiGroup in Strings(rule!["apiGroups"])
         from resource in Strings(rule["resources"])
         from resourceName in Strings(rule["resourceNames"]).DefaultIfEmpty("*")
         from verb in Strings(rule["verbs"])
         select $"{apiGroup} {resource} {resourceName} {verb}").ToHashSet();

    private static IEnumerable<string> Strings(JsonNode? list) => list?.AsArray().Select(item => (string)item!) ?? [];
}
