namespace Modelship.EndToEnd.Monitoring;

public sealed class MetricCoverageTests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Exposed = new Dictionary<string, IReadOnlySet<string>>
    {
        ["modelship-router"] = ExposedMetrics.Names("""
            # HELP modelship_request_duration_seconds Time.
            # TYPE modelship_request_duration_seconds histogram
            modelship_request_duration_seconds_bucket{model="iris",le="+Inf"} 3
            modelship_request_duration_seconds_sum{model="iris"} 0.1
            modelship_request_duration_seconds_count{model="iris"} 3
            modelship_routing_generation 4
            """),
    };

    [Fact]
    public void Histogram_samples_and_up_of_a_scraped_job_are_covered() =>
        MetricCoverage.Missing(Selectors("""
            histogram_quantile(0.99, rate(modelship_request_duration_seconds_bucket{job="modelship-router"}[5m]))
            + modelship_request_duration_seconds_count{job="modelship-router"} + modelship_routing_generation{job="modelship-router"}
            + up{job="modelship-router"}
            """), Exposed).Should().BeEmpty();

    [Theory]
    [InlineData("""modelship_request_duration_seconds{job="modelship-router"}""", "exposes no modelship_request_duration_seconds")]
    [InlineData("""modelship_requests_total{job="modelship-router"}""", "exposes no modelship_requests_total")]
    [InlineData("""modelship_routing_generation""", "names no job")]
    [InlineData("""modelship_routing_generation{job=~"modelship-router"}""", "names no job")]
    [InlineData("""up{job="modelship-runtime"}""", "names job modelship-runtime, which no test scraped")]
    public void A_selector_the_named_job_does_not_expose_is_missing(string expression, string why) =>
        MetricCoverage.Missing(Selectors(expression), Exposed).Should().ContainSingle().Which.Should().EndWith(why);

    private static IEnumerable<(string, MetricSelector)> Selectors(string expression) =>
        PromQlSelectors.Parse(expression).Select(s => ("test", s));
}
