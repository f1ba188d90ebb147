using System.Text.Json.Nodes;
using Modelship.Kubernetes.Yaml;

namespace Modelship.IntegrationTests.Chart;

/// <summary>
/// The chart grants what config/rbac (generated from the [RbacRule] attributes) grants: the operator's ClusterRole
/// there equals the chart's operator and leader-election rules together, and the router's role is the same.
/// </summary>
public sealed class ChartRbacTests
{
    [Fact]
    public async Task The_chart_grants_the_generated_rules()
    {
        var render = await HelmRender.TemplateAsync("-n", "modelship-system");
        render.ExitCode.Should().Be(0, render.ToString());
        var chart = new RenderedChart(render.Stdout);
        var generated = YamlDocuments.Parse(File.ReadAllText(Path.Combine(HelmRender.RepositoryRoot, "config", "rbac", "role.yaml")))
            .Select(node => node.AsObject()).ToList();

        var chartOperator = Permissions(chart.Single("ClusterRole", "modelship-operator"))
            .Union(Permissions(chart.Single("Role", "modelship-leader-election", "modelship-system")));
        chartOperator.Should().BeEquivalentTo(Permissions(generated.Single(r => RenderedChart.Name(r) == "modelship-operator")));
        Permissions(chart.Single("ClusterRole", "modelship-router"))
            .Should().BeEquivalentTo(Permissions(generated.Single(r => RenderedChart.Name(r) == "modelship-router")));
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
