namespace Modelship.EndToEnd.Monitoring;

public sealed class PromQlSelectorsTests
{
    [Theory]
    [InlineData("""rate(modelship_requests_total{job="modelship-router", code=~"5.."}[5m])""", "modelship_requests_total")]
    [InlineData("""sum by (namespace, modeldeployment) (rate(a_total[5m])) / sum without (pod) (b)""", "a_total b")]
    [InlineData("""sum(a) by (le) > bool 0""", "a")]
    [InlineData("""histogram_quantile(0.99, sum by (version, le) (rate(a_bucket{job="j"}[$__rate_interval])))""", "a_bucket")]
    [InlineData("""absent(up{job="modelship-operator"} == 1)""", "up")]
    [InlineData("""a > on (namespace, modeldeployment) group_left max by (namespace, modeldeployment) (b)""", "a b")]
    [InlineData("""a * on (x) group_right (extra, other) b""", "a b")]
    [InlineData("""count_values("version", a) or label_replace(b, "dst", "$1", "src", "(.*)")""", "a b")]
    [InlineData("""label_replace(a, "x", "}", "y", "{") unless ignoring (pod) c""", "a c")]
    [InlineData("""rate(a[5m:1m] offset 1h) + 1e3 * b - 0.5 + 2.5e-3""", "a b")]
    [InlineData("""a @ start() and b @ 1609746000""", "a b")]
    [InlineData("""{__name__="a", job="j"} + {job="nameless"}""", "a")]
    [InlineData("""sum(increase(a{namespace="$namespace", modeldeployment="${modeldeployment}"}[$__range]))""", "a")]
    [InlineData("# a comment naming not_a_metric\nb:recorded:rate5m", "b:recorded:rate5m")]
    [InlineData("""topk(5, a) / quantile(0.9, b) - stddev by (x) (c) + limitk(2, d)""", "a b c d")]
    [InlineData("""vector(1) + time() - scalar(sum(a))""", "a")]
    public void Finds_the_metrics_an_expression_selects(string expression, string metrics) =>
        PromQlSelectors.Parse(expression).Select(s => s.Metric).Should().Equal(metrics.Split(' '));

    [Fact]
    public void Reads_the_label_matchers_of_a_selector()
    {
        var selector = PromQlSelectors.Parse("""rate(x{job="modelship-router", code=~"5..", role!="", version!~'v\'1'}[5m])""").Single();

        selector.Job.Should().Be("modelship-router");
        selector.Matchers.Should().BeEquivalentTo(new Dictionary<string, (string, string)>
        {
            ["job"] = ("=", "modelship-router"),
            ["code"] = ("=~", "5.."),
            ["role"] = ("!=", ""),
            ["version"] = ("!~", "v'1"),
        });
    }

    [Fact]
    public void A_job_named_by_a_regex_is_not_a_job()
    {
        PromQlSelectors.Parse("""up{job=~"modelship-.*"}""").Single().Job.Should().BeNull();
        PromQlSelectors.Parse("up").Single().Job.Should().BeNull();
    }

    [Theory]
    [InlineData("""a{job=}""")]
    [InlineData("a{job=\"x\\\"")]
    [InlineData("""rate(a[5m)""")]
    public void Malformed_selectors_are_refused(string expression) =>
        FluentActions.Invoking(() => PromQlSelectors.Parse(expression)).Should().Throw<FormatException>();

    [Theory]
    [InlineData("""label_values(modelship_modeldeployment_condition{job="modelship-operator"}, namespace)""", """modelship_modeldeployment_condition{job="modelship-operator"}""")]
    [InlineData("""label_values(a{ns="$namespace"},  modeldeployment )""", """a{ns="$namespace"}""")]
    [InlineData("""sum(b) by (x)""", """sum(b) by (x)""")]
    public void A_label_values_variable_selects_its_first_argument(string definition, string expression) =>
        MonitoringFiles.VariableQuery(definition).Should().Be(expression);
}
