using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Modelship.EndToEnd.Support;

namespace Modelship.EndToEnd.Monitoring;

/// <summary>The alert rules through Prometheus' own tool: syntax, unit tests with input series, and their conventions.</summary>
public sealed partial class PrometheusRulesTests
{
    private static readonly string[] Jobs = ["modelship-operator", "modelship-router", "modelship-runtime"];

    [Theory]
    [InlineData(MonitoringFiles.RulesSource)]
    [InlineData("charts/modelship/files/prometheus-rules.yaml")]
    public async Task Promtool_accepts_the_rules(string path)
    {
        var (exitCode, output) = await Promtool.RunAsync("check", "rules", path);

        exitCode.Should().Be(0, output);
        output.Should().Contain($"SUCCESS: {MonitoringFiles.AlertRules().Count} rules found");
    }

    [Fact]
    public async Task The_rule_unit_tests_pass()
    {
        var files = MonitoringFiles.RuleTestFiles();
        files.Should().NotBeEmpty();

        var (exitCode, output) = await Promtool.RunAsync(["test", "rules", .. files]);

        exitCode.Should().Be(0, output);
        output.Should().Contain("SUCCESS").And.NotContain("FAILED");
    }

    [Fact]
    public void Every_alert_has_a_test_where_it_fires_and_one_where_it_does_not()
    {
        var cases = MonitoringFiles.RuleTestFiles()
            .SelectMany(f => MonitoringFiles.Yaml(f)["tests"]!.AsArray())
            .SelectMany(t => t!["alert_rule_test"]?.AsArray() ?? [])
            .Select(c => (Alert: c!["alertname"]!.GetValue<string>(), Fires: c["exp_alerts"] is JsonArray { Count: > 0 }))
            .ToList();

        foreach (var alert in MonitoringFiles.AlertRules().Select(r => r["alert"]!.GetValue<string>()))
        {
            cases.Should().Contain((alert, true), "alert {0} needs a test case where it fires", alert);
            cases.Should().Contain((alert, false), "alert {0} needs a test case where it does not fire", alert);
        }
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_a_description_and_a_runbook_in_docs_alerts_md()
    {
        var headings = AlertsDocHeadings();
        foreach (var rule in MonitoringFiles.AlertRules())
        {
            var alert = rule["alert"]!.GetValue<string>();
            ((string?)rule["labels"]?["severity"]).Should().BeOneOf(["critical", "warning", "info"], "alert {0} has a severity", alert);
            ((string?)rule["annotations"]?["summary"]).Should().NotBeNullOrWhiteSpace("alert {0} has a summary", alert);
            ((string?)rule["annotations"]?["description"]).Should().NotBeNullOrWhiteSpace("alert {0} has a description", alert);
            var runbook = (string?)rule["annotations"]?["runbook_url"];
            runbook.Should().EndWith($"/docs/alerts.md#{alert.ToLowerInvariant()}", "alert {0} links its runbook", alert);
            headings.Should().Contain(alert, "docs/alerts.md has a section for {0}", alert);
        }
    }

    [Fact]
    public void Every_selector_of_an_alert_names_a_modelship_job()
    {
        var selectors = MonitoringFiles.AlertRules()
            .SelectMany(r => PromQlSelectors.Parse(r["expr"]!.GetValue<string>()).Select(s => (Alert: r["alert"]!.GetValue<string>(), Selector: s)))
            .ToList();

        selectors.Should().NotBeEmpty();
        selectors.Where(s => !Jobs.Contains(s.Selector.Job)).Select(s => $"{s.Alert}: {s.Selector}").Should().BeEmpty(
            "the router and the runtime expose families of the same name, so every selector says whose series it wants");
    }

    /// <summary>The <c>## Name</c> headings of docs/alerts.md (GitHub anchors them by their lower-cased text).</summary>
    private static HashSet<string> AlertsDocHeadings() =>
        Heading().Matches(File.ReadAllText(RepositoryRoot.Combine(MonitoringFiles.Alerts))).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^##\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
