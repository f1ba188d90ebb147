using Modelship.Telemetry.Exposition;

namespace Modelship.Telemetry.Tests.Exposition;

public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("modelship_reconcile_time_seconds", "modelship_reconcile_time_seconds")]
    [InlineData("http.server.request.duration", "http_server_request_duration")]
    [InlineData("process-cpu time", "process_cpu_time")]
    [InlineData("rule:rate5m", "rule:rate5m")]
    [InlineData("5xx_errors", "_5xx_errors")]
    [InlineData("größe", "gr__e")]
    [InlineData("", "_")]
    public void Metric_names_become_valid(string instrumentName, string expected) =>
        PrometheusNames.MetricName(instrumentName).Should().Be(expected);

    [Theory]
    [InlineData("modelship_reconcile_total", "modelship_reconcile_total")]
    [InlineData("modelship_reconcile", "modelship_reconcile_total")]
    [InlineData("http.requests", "http_requests_total")]
    [InlineData("totally", "totally_total")]
    public void Counter_names_end_in_total_once(string instrumentName, string expected) =>
        PrometheusNames.CounterName(instrumentName).Should().Be(expected);

    [Theory]
    [InlineData("controller", "controller")]
    [InlineData("http.method", "http_method")]
    [InlineData("a:b", "a_b")]
    [InlineData("0day", "_0day")]
    [InlineData("_private", "_private")]
    [InlineData("x-y z", "x_y_z")]
    [InlineData("", "_")]
    public void Label_names_match_the_label_grammar(string tagName, string expected) =>
        PrometheusNames.LabelName(tagName).Should().Be(expected).And.MatchRegex("^[a-zA-Z_][a-zA-Z0-9_]*$");
}
