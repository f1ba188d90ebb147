using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Modelship.EndToEnd.Support;
using Modelship.Kubernetes.Yaml;

namespace Modelship.EndToEnd.Monitoring;

/// <summary>The checked-in monitoring sources: the alert rules, the Grafana dashboard, the scrape configuration.</summary>
public static partial class MonitoringFiles
{
    public const string RulesSource = "config/prometheus/rules/modelship-rules.yaml";
    public const string RuleTestsDirectory = "tests/prometheus";
    public const string Dashboard = "config/grafana/modelship-dashboard.json";
    public const string Monitors = "config/prometheus/monitor.yaml";
    public const string Alerts = "docs/alerts.md";

    public static JsonNode Yaml(string path) => YamlDocuments.Parse(File.ReadAllText(RepositoryRoot.Combine(path))).Single();

    public static IReadOnlyList<JsonNode> YamlDocumentsOf(string path) => YamlDocuments.Parse(File.ReadAllText(RepositoryRoot.Combine(path)));

    public static IReadOnlyList<string> RuleTestFiles() =>
        Directory.GetFiles(RepositoryRoot.Combine(RuleTestsDirectory), "*.test.yaml").Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f)).ToList();

    /// <summary>Every alerting rule of the rules source.</summary>
    public static IReadOnlyList<JsonObject> AlertRules() =>
        Yaml(RulesSource)["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray())
            .Select(r => r!.AsObject())
            .Where(r => r.ContainsKey("alert"))
            .ToList();

    public static JsonObject DashboardJson() => JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine(Dashboard)))!.AsObject();

    /// <summary>The dashboard's panels, those inside collapsed rows included.</summary>
    public static IEnumerable<JsonObject> Panels(JsonObject dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        return Flatten(dashboard["panels"]!.AsArray());

        static IEnumerable<JsonObject> Flatten(JsonArray panels)
        {
            foreach (var panel in panels.Select(p => p!.AsObject()))
            {
                yield return panel;
                if (panel["panels"] is JsonArray nested)
                {
                    foreach (var inner in Flatten(nested))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    /// <summary>Every PromQL expression of the alerts and of the dashboard (panel targets and query variables), named by where it is.</summary>
    public static IEnumerable<(string Source, string Expression)> Expressions()
    {
        foreach (var rule in AlertRules())
        {
            yield return ($"alert {rule["alert"]}", rule["expr"]!.GetValue<string>());
        }
        var dashboard = DashboardJson();
        foreach (var panel in Panels(dashboard))
        {
            foreach (var target in panel["targets"]?.AsArray() ?? [])
            {
                yield return ($"panel '{panel["title"]}' target {target!["refId"]}", target["expr"]?.GetValue<string>() ?? "");
            }
        }
        foreach (var variable in dashboard["templating"]!["list"]!.AsArray().Where(v => (string?)v!["type"] == "query"))
        {
            yield return ($"variable {variable!["name"]}", VariableQuery(variable["definition"]!.GetValue<string>()));
        }
    }

    public static IEnumerable<(string Source, MetricSelector Selector)> Selectors() =>
        Expressions().SelectMany(e => PromQlSelectors.Parse(e.Expression).Select(s => (e.Source, s)));

    /// <summary>The PromQL inside a Grafana query variable: <c>label_values(expr, label)</c> selects <c>expr</c>.</summary>
    public static string VariableQuery(string definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var labelValues = LabelValues().Match(definition);
        return labelValues.Success ? labelValues.Groups["expr"].Value : definition;
    }

    [GeneratedRegex(@"^\s*label_values\(\s*(?<expr>.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)\s*$", RegexOptions.Singleline)]
    private static partial Regex LabelValues();
}
