using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.RefreshSchedule;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Watch;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Telemetry;
using static Modelship.IntegrationTests.ModelDeployment.ModelDeploymentControllerTests;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// A canary step judged on its own window against kube-apiserver with the real analysis
/// (<see cref="RouterMetricsAnalysis"/>): the operator reads the router Pod's <c>/metrics</c>
/// (<see cref="RouterMetricsStandIn"/>: no router serves traffic here) when the routers first serve the step, records
/// the counters in status.canaryWindow, and compares the canary with the champion on their increase at the end of
/// the step's pause. The test plays the kubelet and the router.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class CanaryWindowRolloutTests(SharedClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly RouterMetricsStandIn _router = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public void Dispose()
    {
        _router.Dispose();
        _http.Dispose();
    }

    private static JsonObject CanaryToV2 => new()
    {
        ["model"] = new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" },
        ["rollout"] = new JsonObject
        {
            ["strategy"] = "Canary",
            ["steps"] = new JsonArray(new JsonObject { ["weight"] = 20, ["pause"] = "2s" }),
            ["analysis"] = new JsonObject { ["maxErrorRateIncrease"] = "0.01", ["minRequests"] = 100 },
        },
    };

    [Fact]
    public async Task A_canary_whose_error_rate_rises_over_the_champions_in_the_step_window_is_aborted()
    {
        using var operatorMetrics = PrometheusCollector.ForMeters(ModelDeploymentMetrics.MeterName, KubernetesClientMetrics.MeterName, WatchMetrics.MeterName);
        var (op, pod) = await StartAsync("canary-window-abort");
        await using var _ = op;
        var window = await StepWindowAsync(op, pod);
        window.ChampionBaseline!.Requests.Should().Be(1000, "the baseline is what the router counted when the step was first served");

        // In the window: the champion fails 10 of 1000 more (1%), the canary 20 of 200 (10%).
        _router.Exposition = Counters(championRequests: 2000, championErrors: 10, canaryRequests: 300, canaryErrors: 70);

        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Degraded)?.Status == ConditionStatus.True, Wait, "Degraded");
        var status = (await op.GetAsync("iris")).Status!;
        ConditionList.Find(status.Conditions, ConditionTypes.Degraded).Should().Match<Condition>(c => c.Reason == ConditionReasons.RolloutAborted
            && c.Message!.Contains("canary analysis failed at 20%: errorRate: 0.1 vs champion 0.01, regression 0.09 exceeds the allowed 0.01 (maxErrorRateIncrease 0.01)", StringComparison.Ordinal));
        status.ActiveModel!.Version.Should().Be("v1");
        status.CanaryWindow.Should().BeNull("no step is under analysis any more");
        (await op.RoutingTableAsync("iris"))!.Backends.Select(b => b.Version).Should().Equal("v1");

        // The operator's exposition, as Prometheus would scrape it, passes promtool.
        var exposition = operatorMetrics.Scrape();
        exposition.Should().Contain("modelship_rollouts_total");
        (await PromtoolCheckAsync(exposition)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_canary_as_good_as_the_champion_in_the_step_window_is_promoted_whatever_it_did_before()
    {
        var (op, pod) = await StartAsync("canary-window-promote");
        await using var _ = op;
        await StepWindowAsync(op, pod);
        var waiting = await Eventually.ReturnsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Progressing) is { Reason: RolloutStateMachine.AnalysisPending } c ? c : null,
            Wait, "the step waits for traffic");
        waiting.Message.Should().Contain("the new version answered 0 requests in the step's window, fewer than minRequests 100");

        // Before the window the canary had failed 50 of 100 (counted since the router started); in it, 2 of 200 (1%)
        // like the champion's 10 of 1000.
        _router.Exposition = Counters(championRequests: 2000, championErrors: 10, canaryRequests: 300, canaryErrors: 52);

        // Plays the router through the switch to 100% and the drain.
        await Eventually.HoldsAsync(async () =>
        {
            var table = await op.RoutingTableAsync("iris");
            await op.AcknowledgeAsync(pod, table!.Generation);
            return (await op.GetAsync("iris")).Status is { ActiveModel.Version: "v2", PendingModel: null };
        }, Wait, "v2 the champion");
        var status = (await op.GetAsync("iris")).Status!;
        ConditionList.Find(status.Conditions, ConditionTypes.Degraded)!.Status.Should().Be(ConditionStatus.False);
        status.CanaryWindow.Should().BeNull();
    }

    private async Task<(ModelDeploymentOperator Op, string Pod)> StartAsync(string prefix)
    {
        _router.Exposition = Counters(championRequests: 1000, championErrors: 0, canaryRequests: 100, canaryErrors: 50);
        using (var admin = fixture.Cluster.AdminClient())
        {
            // With build options of its own the operator helper does not install it; without it Degraded is True.
            await ModelDeploymentCrd.InstallRouterClusterRoleAsync(admin);
        }
        var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync(prefix), new RouterMetricsAnalysis(_http),
            build: new ModelDeploymentBuildOptions { RouterPort = _router.Port });
        var pod = await ActivateV1Async(op, "127.0.0.1");
        return (op, pod);
    }

    /// <summary>Rolls out v2 to its 20% step, serves it, and waits for the step's window to start.</summary>
    private static async Task<CanaryWindowStatus> StepWindowAsync(ModelDeploymentOperator op, string pod)
    {
        await PatchSpecAsync(op, CanaryToV2);
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is not null, Wait, "v2 Deployment created");
        await op.MarkAvailableAsync("iris-v2");
        var step = await op.ServeUntilAsync(pod, t => t.Backends.Any(b => b.Version == "v2" && b.Role == BackendRole.Challenger), "v2 takes 20%");
        step.Backends.Should().ContainSingle(b => b.Version == "v2").Which.Weight.Should().Be(20);
        return await Eventually.ReturnsAsync(async () =>
        {
            await op.AcknowledgeAsync(pod, step.Generation);
            return (await op.GetAsync("iris")).Status?.CanaryWindow is { } w && w.RoutingGeneration == step.Generation ? w : null;
        }, Wait, "the step's window started");
    }

    private static string Counters(long championRequests, long championErrors, long canaryRequests, long canaryErrors) => string.Create(CultureInfo.InvariantCulture, $$"""
        # TYPE modelship_requests_total counter
        modelship_requests_total{model="iris",version="v1",role="champion",code="200"} {{championRequests - championErrors}}
        modelship_requests_total{model="iris",version="v1",role="champion",code="500"} {{championErrors}}
        modelship_requests_total{model="iris",version="v2",role="challenger",code="200"} {{canaryRequests - canaryErrors}}
        modelship_requests_total{model="iris",version="v2",role="challenger",code="500"} {{canaryErrors}}

        """);

    private static async Task<string> PromtoolCheckAsync(string exposition)
    {
        using var promtool = Process.Start(new ProcessStartInfo("/usr/bin/promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await promtool.StandardInput.WriteAsync(exposition);
        promtool.StandardInput.Close();
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();
        return promtool.ExitCode == 0 ? "" : output;
    }
}
