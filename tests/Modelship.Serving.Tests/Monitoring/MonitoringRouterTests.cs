using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.Serving.Routing;
using Modelship.Serving.Tests.Routing;
using Modelship.Testing;

namespace Modelship.Serving.Tests.Monitoring;

/// <summary>A real router in front of a fake V2 backend that always predicts label 1: actuals, accuracy and /v2/monitoring.</summary>
public sealed class MonitoringRouterTests : IAsyncDisposable
{
    private const int Requests = 10;
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-monitoring-").FullName;
    private FakeV2Backend? _backend;

    [Fact]
    public async Task Actuals_posted_for_answered_requests_give_the_accuracy_in_the_report_and_the_gauge_and_survive_a_restart()
    {
        _backend = await FakeV2Backend.StartAsync("v1", labels: [1]);
        var table = Table(_backend.Url.ToString());
        await using (var router = await TestRouter.StartAsync(table, new RouterOptions { MonitoringDirectory = _directory }))
        {
            for (var i = 0; i < Requests; i++)
            {
                using var answer = await router.InferAsync($$"""{"parameters":{"association_id":"req-{{i}}"},"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1]}]}""");
                answer.StatusCode.Should().Be(HttpStatusCode.OK);
            }
            // 7 right (actual 1), 3 wrong (actual 0); whether each prediction is stored yet or not, all join.
            var actuals = string.Join(',', Enumerable.Range(0, Requests).Select(i => $$"""{"associationId":"req-{{i}}","actual":{{(i < 7 ? 1 : 0)}}}"""));
            var first = await PostActualsAsync(router, $"[{actuals}]");
            first.StatusCode.Should().Be(HttpStatusCode.OK);
            var counts = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
            (counts.GetProperty("joined").GetInt64() + counts.GetProperty("unmatched").GetInt64()).Should().Be(Requests);

            var accuracy = await Eventually.ReturnsAsync(async () => await AccuracyAsync(router) is { Actuals: Requests } a ? a : null, "all ten actuals join");
            accuracy.Metrics["accuracy"].Should().BeApproximately(0.7, 1e-12);
            var metrics = await router.Client.GetStringAsync("metrics");
            Gauge(metrics, """modelship_model_accuracy{metric="accuracy",model="iris",version="v1"}""").Should().BeApproximately(0.7, 1e-12);

            using var again = await PostActualsAsync(router, $$"""{"actuals":[{{actuals}}]}""");
            JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("duplicate").GetInt64().Should().Be(Requests);
            (await AccuracyAsync(router))!.Actuals.Should().Be(Requests, "duplicates are not counted twice");
            metrics = await router.Client.GetStringAsync("metrics");
            Gauge(metrics, """modelship_actuals_total{model="iris",result="duplicate"}""").Should().Be(Requests);

            var report = await ReportAsync(router);
            report.ActualsReceived.Should().Be(Requests);
            var champion = report.ServiceStats.Single(s => s.Version == "v1" && s.Role == "champion");
            champion.Windows.Select(w => w.Window).Should().Equal("1m", "1h", "24h");
            champion.Windows.Single(w => w.Window == "24h").Requests.Should().Be(Requests);
            champion.Windows.Single(w => w.Window == "24h").LatencyP99Seconds.Should().BePositive();
        }

        await using var restarted = await TestRouter.StartAsync(table, new RouterOptions { MonitoringDirectory = _directory });
        var afterRestart = await AccuracyAsync(restarted);
        afterRestart!.Actuals.Should().Be(Requests, "the join store is re-read from its segments");
        afterRestart.Metrics["accuracy"].Should().BeApproximately(0.7, 1e-12);
        using var duplicate = await PostActualsAsync(restarted, """[{"associationId":"req-0","actual":1}]""");
        JsonDocument.Parse(await duplicate.Content.ReadAsStringAsync()).RootElement.GetProperty("duplicate").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Malformed_actuals_are_a_400_json_error_naming_the_item_and_counted_invalid()
    {
        _backend = await FakeV2Backend.StartAsync("v1", labels: [1]);
        await using var router = await TestRouter.StartAsync(Table(_backend.Url.ToString()), new RouterOptions { MonitoringDirectory = _directory });

        using var answer = await PostActualsAsync(router, """[{"associationId":"a","actual":1},{"associationId":"b"}]""");

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        answer.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().Should().Contain("actuals[1]");
        Gauge(await router.Client.GetStringAsync("metrics"), """modelship_actuals_total{model="iris",result="invalid"}""").Should().Be(2);
    }

    [Fact]
    public async Task Without_monitoring_actuals_the_endpoint_is_a_404_and_the_report_still_has_service_stats()
    {
        _backend = await FakeV2Backend.StartAsync("v1", labels: [1]);
        await using var router = await TestRouter.StartAsync(Table(_backend.Url.ToString()) with { Monitoring = null }, new RouterOptions { MonitoringDirectory = _directory });
        using (var inferred = await router.InferAsync("""{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1]}]}"""))
        {
            inferred.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var answer = await PostActualsAsync(router, """[{"associationId":"a","actual":1}]""");

        answer.StatusCode.Should().Be(HttpStatusCode.NotFound);
        JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().Should().Contain("monitoring.actuals");
        var report = await ReportAsync(router);
        report.Accuracy.Should().BeEmpty();
        report.ServiceStats.Single().Windows[0].Requests.Should().Be(1);
    }

    public async ValueTask DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    private static RoutingTable Table(string url) => new()
    {
        Generation = 1,
        ModelName = "iris",
        Backends = [TestRouter.BackendFor("v1", BackendRole.Champion, url, version: "v1")],
        Monitoring = new MonitoringSettings
        {
            Actuals = new ActualsSettings { AssociationId = new AssociationIdKey { Source = AssociationIdSource.Parameter, Name = "association_id" } },
        },
    };

    private static Task<HttpResponseMessage> PostActualsAsync(TestRouter router, string body) =>
        router.Client.PostAsync("v2/models/iris/actuals", new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<MonitoringReport> ReportAsync(TestRouter router)
    {
        var json = await router.Client.GetStringAsync("v2/monitoring");
        return JsonSerializer.Deserialize(json, RoutingTableJsonContext.Default.MonitoringReport)!;
    }

    private static async Task<VersionAccuracy?> AccuracyAsync(TestRouter router) => (await ReportAsync(router)).Accuracy.SingleOrDefault(a => a.Version == "v1");

    private static double Gauge(string exposition, string series)
    {
        var line = exposition.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        line.Should().NotBeNull("{0} is exposed in:\n{1}", series, exposition);
        return double.Parse(line![(series.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
