using System.Globalization;
using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.RefreshSchedule.Trial;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>
/// ShadowFirst promotion against kube-apiserver with the real ModelDeployment controller: the candidate is put into
/// the target as a shadow, then as a canary, each judged on a window of router counters, then promoted or withdrawn.
/// The test plays the kubelet (Deployments available, the router Pod acknowledging tables) and the router's
/// <c>/metrics</c> (<see cref="RouterMetricsStandIn"/>: no router serves traffic here); the reconciler's clock is
/// moved past each window.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class RefreshTrialTests(SharedClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly VersionDirectory _models = new();
    private readonly RouterMetricsStandIn _router = new();

    public void Dispose()
    {
        _router.Dispose();
        _models.Dispose();
    }

    [Fact]
    public async Task A_candidate_that_holds_as_a_shadow_and_as_a_canary_becomes_the_champion()
    {
        var (deployments, op, routerPod) = await StartAsync("trial-promote");
        await using var _ = deployments;
        await using var __ = op;
        _router.Exposition = Counters(championRequests: 1000, championErrors: 0, shadowRequests: 0, shadowErrors: 0, agreed: 0, canaryRequests: 0);

        await op.MoveClockPastAndReconcileAsync("iris-hourly", await op.NextScheduleTimeAsync("iris-hourly", Wait), Wait);
        var shadow = await TrialAsync(op, t => t.Phase == RefreshTrialPhase.Shadow, "v2 on trial as a shadow");
        shadow.ChampionVersion.Should().Be("v1");
        (await Eventually.ReturnsAsync(async () => (await deployments.GetAsync("iris")).Spec.Traffic, Wait, "v2 a shadow")).Shadows
            .Should().ContainSingle(s => s.Name == TrialPatch.Name && s.Model.Version == "v2");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris-hourly")).Any(e => e.Reason == "TrialStarted" && e.Message!.Contains("as a shadow", StringComparison.Ordinal)), Wait, "a TrialStarted Event");

        var served = await ServeAsync(deployments, op, routerPod, RefreshTrialPhase.Shadow);
        served.ChampionBaseline!.Requests.Should().Be(1000, "the baseline is read from the router when every router serves the candidate");

        // Over the window: the champion answers 1000 more (5 failed), the shadow is sent 1000 (2 failed), agreeing on 990.
        _router.Exposition = Counters(championRequests: 2000, championErrors: 5, shadowRequests: 1000, shadowErrors: 2, agreed: 990, canaryRequests: 0);
        await op.MoveClockPastAndReconcileAsync("iris-hourly", served.ServedAt!.Value + Window, Wait);
        await TrialAsync(op, t => t.Phase == RefreshTrialPhase.Canary, "v2 on trial as a canary");
        // The patch carries the resourceVersion read: one that raced a status write of the target is retried.
        var canarySpec = await Eventually.ReturnsAsync(async () => (await deployments.GetAsync("iris")).Spec.Traffic is { Challengers.Count: > 0 } t ? t : null, Wait, "v2 a challenger");
        canarySpec.Shadows.Should().BeNullOrEmpty();
        canarySpec.Challengers.Should().ContainSingle(c => c.Name == TrialPatch.Name && c.Model.Version == "v2" && c.Weight == 20, "the target's first rollout step");

        var canary = await ServeAsync(deployments, op, routerPod, RefreshTrialPhase.Canary);
        _router.Exposition = Counters(championRequests: 2800, championErrors: 6, shadowRequests: 1000, shadowErrors: 2, agreed: 990, canaryRequests: 200);
        await op.MoveClockPastAndReconcileAsync("iris-hourly", canary.ServedAt!.Value + Window, Wait);

        var status = await Eventually.ReturnsAsync(async () => (await op.GetAsync("iris-hourly")).Status is { Trial: null, LastRun.Result: RefreshRunResult.Promoted } s ? s : null, Wait, "v2 promoted");
        status.LastRun!.Checks!.Select(c => (c.Name, c.Verdict)).Should().Equal(
            ("accuracy", RefreshCheckVerdict.NoBaseline),
            ("errorRate (shadow)", RefreshCheckVerdict.Passed),
            ("shadowAgreement (shadow)", RefreshCheckVerdict.Passed),
            ("errorRate (canary)", RefreshCheckVerdict.Passed));
        status.LastRun.Checks![1].Should().Match<RefreshCheckResult>(c => c.Champion == 0.005 && c.Candidate == 0.002);
        status.LastRun.Checks![2].Candidate.Should().Be(0.99);
        status.Promoted!.Version.Should().Be("v2");
        ConditionList.Find(status.Conditions, ConditionTypes.Progressing)!.Status.Should().Be(ConditionStatus.False);
        var target = await deployments.GetAsync("iris");
        target.Spec.Model.Version.Should().Be("v2");
        target.Spec.Replacement!.Reason.Should().Be(ReplacementReason.ScheduledRefresh);
        target.Spec.Traffic?.Challengers.Should().BeNullOrEmpty("the candidate leaves the challengers as it becomes the champion, in one write");
        _router.Scrapes.Should().BeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task A_candidate_that_fails_more_as_a_shadow_is_withdrawn_and_the_champion_never_stops_answering()
    {
        var (deployments, op, routerPod) = await StartAsync("trial-reject");
        await using var _ = deployments;
        await using var __ = op;
        _router.Exposition = Counters(championRequests: 500, championErrors: 0, shadowRequests: 0, shadowErrors: 0, agreed: 0, canaryRequests: 0);
        await op.MoveClockPastAndReconcileAsync("iris-hourly", await op.NextScheduleTimeAsync("iris-hourly", Wait), Wait);
        await TrialAsync(op, t => t.Phase == RefreshTrialPhase.Shadow, "v2 on trial as a shadow");
        var served = await ServeAsync(deployments, op, routerPod, RefreshTrialPhase.Shadow);

        // 80 of the 1000 mirrored requests failed: 8% against the champion's 0.1%.
        _router.Exposition = Counters(championRequests: 1500, championErrors: 1, shadowRequests: 1000, shadowErrors: 80, agreed: 915, canaryRequests: 0);
        await op.MoveClockPastAndReconcileAsync("iris-hourly", served.ServedAt!.Value + Window, Wait);

        var status = await Eventually.ReturnsAsync(async () => (await op.GetAsync("iris-hourly")).Status is { Trial: null, LastRun.Result: RefreshRunResult.Rejected } s ? s : null, Wait, "v2 rejected");
        status.LastRun!.Message.Should().StartWith("version v2 rejected after its window as a shadow, the champion v1 stays: errorRate (shadow): 0.08 vs champion 0.001, regression 0.079 exceeds the allowed 0.01");
        status.Promoted.Should().BeNull();
        var target = await deployments.GetAsync("iris");
        target.Spec.Model.Version.Should().Be("v1");
        target.Spec.Traffic?.Shadows.Should().BeNullOrEmpty("the candidate is withdrawn");
        (await deployments.RoutingTableAsync("iris"))!.Champion!.Version.Should().Be("v1");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris-hourly")).Any(e => e.Reason == "PromotionRejected" && e.Type == "Warning"), Wait, "a PromotionRejected Event");
    }

    private async Task<(ModelDeploymentOperator Deployments, RefreshScheduleOperator Refresh, string RouterPod)> StartAsync(string prefix)
    {
        var ns = await fixture.Cluster.CreateNamespaceAsync(prefix);
        var deployments = await ModelDeploymentOperator.StartAsync(fixture.Cluster, ns);
        await deployments.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(ns, change: spec => spec with
        {
            Rollout = new RolloutSpec { Strategy = RolloutStrategy.Canary, Steps = [new CanaryStep { Weight = 20 }] },
        }));
        await Eventually.HoldsAsync(async () => await deployments.Deployments.GetOrNullAsync(ns, "iris-v1") is not null, Wait, "v1 exists");
        await deployments.MarkAvailableAsync("iris-v1");
        await Eventually.HoldsAsync(async () => await deployments.RoutingTableAsync("iris") is not null, Wait, "table written");
        var pod = await deployments.CreateReadyRouterPodAsync("iris", "iris-router-a", "127.0.0.1");
        await deployments.AcknowledgeAsync(pod, (await deployments.RoutingTableAsync("iris"))!.Generation);
        await Eventually.HoldsAsync(async () => (await deployments.GetAsync("iris")).Status?.Phase == ModelDeploymentPhase.Active, Wait, "v1 Active");

        var refresh = await RefreshScheduleOperator.StartAsync(fixture.Cluster, ns, build: new ModelDeploymentBuildOptions { RouterPort = _router.Port });
        _models.Add("v2", accuracy: 0.95);
        await refresh.Schedules.CreateAsync(new Schedule
        {
            Metadata = new V1ObjectMeta { Name = "iris-hourly", NamespaceProperty = ns },
            Spec = new RefreshScheduleSpec
            {
                Schedule = "0 * * * *",
                Target = new RefreshTarget { ModelDeployment = "iris" },
                Source = RefreshScheduleSpecs.Directory(_models.Path),
                Promotion = new RefreshPromotion
                {
                    Strategy = RefreshPromotionStrategy.ShadowFirst,
                    Window = "5m",
                    MinRequests = 100,
                    MetricCheck = new RefreshMetricCheck
                    {
                        Checks =
                        [
                            new RefreshMetricComparison { Metric = "accuracy", MaxRegression = 0.01 },
                            new RefreshMetricComparison { Metric = RefreshTrafficMetric.ErrorRate, MaxRegression = 0.01, Source = RefreshMetricSource.Traffic },
                            new RefreshMetricComparison { Metric = RefreshTrafficMetric.ShadowAgreement, MaxRegression = 0.05, Source = RefreshMetricSource.Traffic },
                        ],
                    },
                },
            },
        });
        return (deployments, refresh, pod);
    }

    /// <summary>Plays the kubelet until the target's routers serve the candidate, and waits for the trial's window to start.</summary>
    private static async Task<RefreshTrial> ServeAsync(ModelDeploymentOperator deployments, RefreshScheduleOperator op, string routerPod, RefreshTrialPhase phase)
    {
        await Eventually.HoldsAsync(async () => await deployments.Deployments.GetOrNullAsync(deployments.Namespace, "iris-v2") is not null, Wait, "the v2 model server created");
        await deployments.MarkAvailableAsync("iris-v2");
        var role = phase == RefreshTrialPhase.Shadow ? Api.Routing.BackendRole.Shadow : Api.Routing.BackendRole.Challenger;
        await Eventually.HoldsAsync(async () => (await deployments.RoutingTableAsync("iris"))?.Backends.Any(b => b.Version == "v2" && b.Role == role) == true, Wait, $"the table routes v2 as a {phase}");
        return await Eventually.ReturnsAsync(async () =>
        {
            await deployments.AcknowledgeAsync(routerPod, (await deployments.RoutingTableAsync("iris"))!.Generation);
            return (await op.GetAsync("iris-hourly")).Status?.Trial is { ServedAt: not null } trial && trial.Phase == phase ? trial : null;
        }, Wait, $"the {phase} window started");
    }

    private static async Task<RefreshTrial> TrialAsync(RefreshScheduleOperator op, Func<RefreshTrial, bool> holds, string what) =>
        await Eventually.ReturnsAsync(async () => (await op.GetAsync("iris-hourly")).Status?.Trial is { } t && holds(t) ? t : null, Wait, what);


    /// <summary>What the router's /metrics shows: v1 the champion, v2 mirrored as a shadow and answering as a canary.</summary>
    private static string Counters(long championRequests, long championErrors, long shadowRequests, long shadowErrors, long agreed, long canaryRequests) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            modelship_requests_total{model="iris",version="v1",role="champion",code="200"} {{championRequests - championErrors}}
            modelship_requests_total{model="iris",version="v1",role="champion",code="503"} {{championErrors}}
            modelship_requests_total{model="iris",version="v2",role="challenger",code="200"} {{canaryRequests}}
            modelship_shadow_request_duration_seconds_count{model="iris",version="v2"} {{shadowRequests - shadowErrors}}
            modelship_shadow_errors_total{model="iris",version="v2",reason="timeout"} {{shadowErrors}}
            modelship_shadow_comparisons_total{model="iris",version="v2"} {{shadowRequests}}
            modelship_shadow_agreements_total{model="iris",version="v2"} {{agreed}}
            """);
}
