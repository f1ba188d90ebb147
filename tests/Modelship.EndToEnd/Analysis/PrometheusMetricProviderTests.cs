using System.Diagnostics;
using System.Net.Http.Headers;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.EndToEnd.Support;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Operator.Controllers.ModelDeployment.Rollout.Prometheus;
using Modelship.TestCluster;

namespace Modelship.EndToEnd.Analysis;

/// <summary>
/// spec.rollout.analysis.metrics against a real Prometheus 2.42 scraping a real router, two real runtimes and a real
/// operator (on a real kube-apiserver, reconciling a ModelDeployment) every second: traffic goes through the router
/// (v1 champion, v2 a 50% challenger), and the operator's provider code evaluates templated queries against that
/// Prometheus. Every exposition Prometheus scrapes passes <c>promtool check metrics</c>.
/// </summary>
public sealed class PrometheusMetricProviderTests
{
    private const int Requests = 120;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_templated_query_is_evaluated_against_prometheus_scraping_router_and_runtimes()
    {
        var environment = await ServingEnvironment.GetAsync();
        var (v1Port, v2Port) = (FreePort.Next(), FreePort.Next());
        using var table = new RoutingTableFile();
        table.Write(new RoutingTable
        {
            Generation = 1,
            ModelName = "iris",
            Backends =
            [
                new RoutingBackend { Name = "champion", Version = "v1", Role = BackendRole.Champion, Url = ModelshipProcess.Url(v1Port), ModelName = "iris" },
                new RoutingBackend { Name = "canary", Version = "v2", Role = BackendRole.Challenger, Weight = 50, Url = ModelshipProcess.Url(v2Port), ModelName = "iris" },
            ],
        });
        await using var processes = await ProcessGroup.StartAsync(
        [
            ModelshipProcess.StartRuntimeAsync(environment, "v1", v1Port),
            ModelshipProcess.StartRuntimeAsync(environment, "v2", v2Port),
            ModelshipProcess.StartRouterAsync(environment, table.Path),
        ]);
        var router = processes[2];
        await using var cluster = await TestCluster.TestCluster.StartAsync();
        await using var operatorProcess = await Monitoring.MonitoredMetricNamesTests.StartOperatorWithAModelDeploymentAsync(environment, cluster);
        await using var prometheus = await PrometheusServer.StartAsync(new Dictionary<string, IReadOnlyList<string>>
        {
            ["router"] = [router.BaseAddress.Authority],
            ["runtime"] = [$"127.0.0.1:{v1Port}", $"127.0.0.1:{v2Port}"],
            ["operator"] = [operatorProcess.BaseAddress.Authority],
        });
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        for (var i = 0; i < Requests; i++)
        {
            using var content = new ByteArrayContent(IrisRequests.Valid(i));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(new Uri(router.BaseAddress, "v2/models/iris/infer"), content);
            response.IsSuccessStatusCode.Should().BeTrue();
        }
        var routerExposition = await client.GetStringAsync(new Uri(router.BaseAddress, "metrics"));
        var v2Answered = CanaryAnalysisMetrics.Read(routerExposition, "v2").AnsweredRequests;
        v2Answered.Should().BeInRange(1, Requests - 1, "a 50% challenger answers part of the traffic");

        var provider = new PrometheusMetricProvider(client);
        var context = new PrometheusQueryContext(TimeSpan.FromMinutes(5), "v2", "default", "iris");
        var answered = Metric(prometheus.Address, """sum(max_over_time(modelship_requests_total{job="router",model="{{ name }}",version="{{ version }}"}[{{ window }}]))""", min: v2Answered, max: v2Answered);
        // Prometheus scrapes every second: the first verdicts may still see fewer requests (Failing below min) or none.
        var verdict = await EventuallyAsync(() => provider.EvaluateAsync(answered, context, CancellationToken.None), v => v.Outcome == AnalysisOutcome.Passing);
        verdict.Message.Should().Be($"metric answered {v2Answered}");

        var errorRatio = Metric(prometheus.Address, """sum(rate(modelship_requests_total{job="router",version="{{ version }}",code=~"5.."}[{{ window }}])) / sum(rate(modelship_requests_total{job="router",version="{{ version }}"}[{{ window }}]))""", min: null, max: 0.01);
        (await provider.EvaluateAsync(errorRatio, context, CancellationToken.None)).Outcome.Should().Be(AnalysisOutcome.Inconclusive,
            "no 5xx series exists, so the division selects nothing: no result, not a pass");
        var tooFew = Metric(prometheus.Address, """sum(max_over_time(modelship_requests_total{job="router",version="{{ version }}"}[{{ window }}]))""", min: Requests, max: null);
        (await provider.EvaluateAsync(tooFew, context, CancellationToken.None)).Should().Be(AnalysisVerdict.Failing($"metric answered {v2Answered} below thresholdRange.min {Requests}"));
        var perVersion = Metric(prometheus.Address, """max_over_time(modelship_requests_total{job="router"}[{{ window }}])""", min: 0, max: null);
        (await provider.EvaluateAsync(perVersion, context, CancellationToken.None)).Message.Should().Contain("series in the result; the query must return one");
        var absent = Metric(prometheus.Address, """sum(modelship_requests_total{version="v9"})""", min: 0, max: null);
        (await provider.EvaluateAsync(absent, context, CancellationToken.None)).Should().Be(AnalysisVerdict.Inconclusive("metric answered: no result (the query selected no series)"));

        // Every target Prometheus scraped is up, and each exposition passes promtool.
        var up = Metric(prometheus.Address, """sum(up)""", min: 4, max: 4);
        (await EventuallyAsync(() => provider.EvaluateAsync(up, context, CancellationToken.None), v => v.Outcome == AnalysisOutcome.Passing)).Outcome.Should().Be(AnalysisOutcome.Passing);
        var operatorReconciled = Metric(prometheus.Address, """sum(modelship_reconcile_total{job="operator"})""", min: 1, max: null);
        (await EventuallyAsync(() => provider.EvaluateAsync(operatorReconciled, context, CancellationToken.None), v => v.Outcome == AnalysisOutcome.Passing)).Outcome.Should().Be(AnalysisOutcome.Passing,
            "Prometheus holds the operator's reconcile counter");
        foreach (var target in (Uri[])[new Uri(router.BaseAddress, "metrics"), new Uri(ModelshipProcess.Url(v1Port) + "metrics"), new Uri(ModelshipProcess.Url(v2Port) + "metrics"), new Uri(operatorProcess.BaseAddress, "metrics")])
        {
            var (exitCode, promtoolOutput) = await Monitoring.Promtool.CheckMetricsAsync(await client.GetStringAsync(target));
            exitCode.Should().Be(0, $"promtool check metrics on {target}: {promtoolOutput}");
        }
    }

    private static AnalysisMetric Metric(Uri prometheus, string query, double? min, double? max) => new()
    {
        Name = "answered",
        Prometheus = new PrometheusMetricSource { Address = prometheus.ToString(), Query = query },
        ThresholdRange = new MetricThresholdRange { Min = min, Max = max },
    };

    private static async Task<AnalysisVerdict> EventuallyAsync(Func<Task<AnalysisVerdict>> evaluate, Func<AnalysisVerdict, bool> done)
    {
        var deadline = DateTime.UtcNow + Wait;
        AnalysisVerdict verdict;
        do
        {
            verdict = await evaluate();
            if (done(verdict))
            {
                return verdict;
            }
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        return verdict;
    }
}
