using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Modelship.EndToEnd.Monitoring;

/// <summary>The Grafana dashboard: its structure, its variables, and that Prometheus parses every query it sends.</summary>
public sealed partial class GrafanaDashboardTests
{
    private const string DataSourceUid = "${datasource}";
    private static readonly string[] Jobs = ["modelship-operator", "modelship-router", "modelship-runtime"];

    private readonly JsonObject _dashboard = MonitoringFiles.DashboardJson();

    [Fact]
    public void It_is_a_dashboard_of_schema_39_or_later_with_a_uid_and_a_title()
    {
        _dashboard["schemaVersion"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(39);
        ((string?)_dashboard["uid"]).Should().Be("modelship");
        ((string?)_dashboard["title"]).Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void It_chooses_its_Prometheus_data_source_then_the_namespace_and_the_ModelDeployment()
    {
        var variables = _dashboard["templating"]!["list"]!.AsArray().Select(v => v!.AsObject()).ToList();

        variables.Select(v => (string?)v["name"]).Should().StartWith(["datasource", "namespace", "modeldeployment"]);
        ((string?)variables[0]["type"]).Should().Be("datasource");
        ((string?)variables[0]["query"]).Should().Be("prometheus");
        foreach (var variable in variables.Skip(1).Take(2))
        {
            ((string?)variable["type"]).Should().Be("query");
            ((string?)variable["datasource"]!["uid"]).Should().Be(DataSourceUid);
        }
        ((string?)variables[2]["definition"]).Should().Contain("namespace=\"$namespace\"", "the ModelDeployments offered are those of the chosen namespace");
    }

    [Fact]
    public void Every_panel_queries_the_chosen_data_source_and_has_at_least_one_query()
    {
        var panels = MonitoringFiles.Panels(_dashboard).Where(p => (string?)p["type"] != "row").ToList();

        panels.Should().HaveCountGreaterThan(10);
        foreach (var panel in panels)
        {
            var title = (string?)panel["title"];
            ((string?)panel["datasource"]?["uid"]).Should().Be(DataSourceUid, "panel '{0}' uses the dashboard's data source", title);
            var targets = panel["targets"]?.AsArray() ?? [];
            targets.Should().NotBeEmpty("panel '{0}' has a query", title);
            foreach (var target in targets)
            {
                ((string?)target!["expr"]).Should().NotBeNullOrWhiteSpace("every query of panel '{0}' has an expression", title);
                ((string?)target["refId"]).Should().NotBeNullOrWhiteSpace();
                ((string?)target["datasource"]?["uid"]).Should().Be(DataSourceUid);
            }
        }
    }

    [Fact]
    public void Panels_have_unique_ids_and_fit_the_24_column_grid()
    {
        var panels = MonitoringFiles.Panels(_dashboard).ToList();

        panels.Select(p => p["id"]!.GetValue<int>()).Should().OnlyHaveUniqueItems();
        foreach (var panel in panels)
        {
            var grid = panel["gridPos"]!;
            (grid["x"]!.GetValue<int>() + grid["w"]!.GetValue<int>()).Should().BeLessThanOrEqualTo(24, "panel '{0}' fits the grid", (string?)panel["title"]);
            grid["h"]!.GetValue<int>().Should().BePositive();
        }
    }

    [Fact]
    public void Every_selector_names_a_modelship_job_and_data_plane_selectors_the_chosen_ModelDeployment()
    {
        var selectors = MonitoringFiles.Selectors().Where(s => !s.Source.StartsWith("alert ", StringComparison.Ordinal)).ToList();

        selectors.Should().NotBeEmpty();
        selectors.Where(s => !Jobs.Contains(s.Selector.Job)).Select(s => $"{s.Source}: {s.Selector}").Should().BeEmpty();
        selectors.Where(s => s.Selector.Job is "modelship-router" or "modelship-runtime")
            .Where(s => !s.Selector.Matchers.Contains(new("namespace", ("=", "$namespace"))) || !s.Selector.Matchers.Contains(new("modeldeployment", ("=", "$modeldeployment"))))
            .Select(s => $"{s.Source}: {s.Selector}").Should().BeEmpty("a data-plane panel shows the chosen ModelDeployment only");
    }

    [Fact]
    public async Task Prometheus_parses_every_query_with_the_variables_filled_in()
    {
        var rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        var index = 0;
        foreach (var (source, expression) in MonitoringFiles.Expressions().Where(e => !e.Source.StartsWith("alert ", StringComparison.Ordinal)))
        {
            rules.Append(CultureInfoInvariant($"      - record: dashboard:query_{index++}\n        expr: {JsonSerializer.Serialize(FillVariables(expression))}\n"));
            rules.Append(CultureInfoInvariant($"        labels: {{source: {JsonSerializer.Serialize(source)}}}\n"));
        }
        var file = Path.Combine(Directory.CreateTempSubdirectory("modelship-dashboard-").FullName, "dashboard-queries.yaml");
        await File.WriteAllTextAsync(file, rules.ToString());

        var (exitCode, output) = await Promtool.RunAsync("check", "rules", file);

        exitCode.Should().Be(0, output);
        output.Should().Contain($"SUCCESS: {index} rules found");
    }

    [Theory]
    [InlineData("""rate(a{ns="$namespace", md="${modeldeployment}"}[$__rate_interval])""", """rate(a{ns="value", md="value"}[5m])""")]
    [InlineData("""increase(a[$__range]) / $__interval_ms""", """increase(a[5m]) / 300000""")]
    public void Variables_are_filled_with_values_Prometheus_accepts(string query, string filled) =>
        FillVariables(query).Should().Be(filled);

    /// <summary>What Grafana does before it sends a query: its interval variables become durations, the others values.</summary>
    private static string FillVariables(string query) =>
        Variable().Replace(query, m => m.Groups["name"].Value switch
        {
            "__rate_interval" or "__interval" or "__range" => "5m",
            "__interval_ms" or "__range_ms" => "300000",
            "__range_s" => "300",
            _ => "value",
        });

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);

    [GeneratedRegex(@"\$\{(?<name>\w+)(:\w+)?\}|\$(?<name>\w+)")]
    private static partial Regex Variable();
}
