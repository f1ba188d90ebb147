using System.Net;
using System.Text;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Operator.Controllers.ModelDeployment.Rollout.Prometheus;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout.Prometheus;

public sealed class PrometheusQueryTests
{
    private static readonly PrometheusQueryContext Context = new(TimeSpan.FromSeconds(90.2), "v2", "fraud-ns", "fraud");

    [Fact]
    public void Placeholders_are_rendered_with_or_without_spaces()
    {
        PrometheusQueryTemplate.Render(
            """sum(rate(modelship_requests_total{namespace="{{ namespace }}",model="{{name}}",version="{{  version }}",code=~"5.."}[{{ window }}]))""", Context)
            .Should().Be(("""sum(rate(modelship_requests_total{namespace="fraud-ns",model="fraud",version="v2",code=~"5.."}[91s]))""", (string?)null));
    }

    [Fact]
    public void An_unknown_placeholder_is_reported_not_sent()
    {
        var (query, problem) = PrometheusQueryTemplate.Render("rate(x[{{ interval }}])", Context);
        query.Should().BeNull();
        problem.Should().Be("unknown placeholder {{ interval }}; use {{ window }}, {{ version }}, {{ namespace }} or {{ name }}");
    }

    [Theory]
    [InlineData(0, "1s")]
    [InlineData(0.3, "1s")]
    [InlineData(60, "60s")]
    [InlineData(300.001, "301s")]
    public void The_window_is_a_promql_duration_in_whole_seconds(double seconds, string expected) =>
        PrometheusQueryTemplate.Duration(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    public static TheoryData<string, string, double?, string?> Answers => new()
    {
        { "scalar", """{"status":"success","data":{"resultType":"scalar","result":[1700000000.1,"0.25"]}}""", 0.25, null },
        { "one sample", """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"3e-2"]}]}}""", 0.03, null },
        { "no series", """{"status":"success","data":{"resultType":"vector","result":[]}}""", null, "no result (the query selected no series)" },
        { "several series", """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"1"},"value":[1,"1"]},{"metric":{"a":"2"},"value":[1,"2"]}]}}""", null, "2 series in the result; the query must return one (aggregate it, e.g. with sum)" },
        { "NaN", """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}]}}""", null, "the value is NaN (for a ratio, no requests in the window?)" },
        { "error", """{"status":"error","errorType":"bad_data","error":"parse error at char 5"}""", null, "the query failed: parse error at char 5" },
        { "matrix", """{"status":"success","data":{"resultType":"matrix","result":[]}}""", null, "a matrix result; the query must return a scalar or one sample" },
        { "not json", "<html>proxy</html>", null, null },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Only_a_scalar_or_one_finite_sample_is_a_value(string because, string json, double? value, string? problem)
    {
        var (read, why) = PrometheusQueryResult.Read(json);
        read.Should().Be(value, because);
        if (problem is not null)
        {
            why.Should().Be(problem, because);
        }
        else if (value is null)
        {
            why.Should().StartWith("the answer is not a Prometheus API response", because);
        }
    }

    [Theory]
    [InlineData(0.5, null, 1.0, AnalysisOutcome.Passing)]
    [InlineData(1.0, null, 1.0, AnalysisOutcome.Passing)]
    [InlineData(1.01, null, 1.0, AnalysisOutcome.Failing)]
    [InlineData(0.5, 0.6, null, AnalysisOutcome.Failing)]
    [InlineData(0.6, 0.6, null, AnalysisOutcome.Passing)]
    public void The_threshold_range_is_inclusive(double value, double? min, double? max, AnalysisOutcome expected) =>
        PrometheusMetricProvider.Judge("m", value, new MetricThresholdRange { Min = min, Max = max }).Outcome.Should().Be(expected);

    [Fact]
    public async Task A_value_outside_the_range_aborts_with_the_value_and_no_answer_waits()
    {
        var asked = new List<Uri>();
        using var http = new HttpClient(new StubPrometheus(asked, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"0.125"]}]}}"""));
        var provider = new PrometheusMetricProvider(http);
        var metric = new AnalysisMetric
        {
            Name = "error-ratio",
            Prometheus = new PrometheusMetricSource { Address = "http://prometheus.monitoring:9090/", Query = "x{version=\"{{ version }}\"}[{{ window }}]" },
            ThresholdRange = new MetricThresholdRange { Max = 0.1 },
        };
        (await provider.EvaluateAsync(metric, Context, CancellationToken.None)).Should().Be(AnalysisVerdict.Failing("metric error-ratio 0.125 above thresholdRange.max 0.1"));
        asked.Should().ContainSingle().Which.AbsoluteUri.Should().Be("http://prometheus.monitoring:9090/api/v1/query?query=x%7Bversion%3D%22v2%22%7D%5B91s%5D");

        var down = metric with { Prometheus = metric.Prometheus with { Address = "http://unreachable.example:9090" } };
        var verdict = await provider.EvaluateAsync(down, Context, CancellationToken.None);
        verdict.Outcome.Should().Be(AnalysisOutcome.Inconclusive);
        verdict.Message.Should().StartWith("metric error-ratio: Prometheus at http://unreachable.example:9090 unreachable");
    }

    private sealed class StubPrometheus(List<Uri> asked, string answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.Host != "prometheus.monitoring")
            {
                throw new HttpRequestException("connection refused");
            }
            asked.Add(request.RequestUri);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "application/json") });
        }
    }
}
