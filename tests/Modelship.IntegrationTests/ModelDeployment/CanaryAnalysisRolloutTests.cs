using System.Text.Json.Nodes;
using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Telemetry;
using static Modelship.IntegrationTests.ModelDeployment.ModelDeploymentControllerTests;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// A rollout gated by minShadowAgreement against kube-apiserver: the new version is first mirrored (a shadow of the
/// champion), judged as such, and only then takes a weighted share. The verdicts come from a fake analysis (no router
/// serves real traffic here); what is real is the routing tables written, the targets handed to the analysis (phase,
/// router Pod metrics URL) and the status and Events.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class CanaryAnalysisRolloutTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private const string RouterPodIp = "10.244.0.7";

    private static readonly JsonObject ReplaceWithV2UnderAgreement = new()
    {
        ["model"] = new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" },
        ["rollout"] = new JsonObject
        {
            ["strategy"] = "Canary",
            ["steps"] = new JsonArray(new JsonObject { ["weight"] = 20 }),
            ["analysis"] = new JsonObject { ["minShadowAgreement"] = 0.9, ["maxErrorRate"] = 0.05 },
        },
    };

    [Fact]
    public async Task The_new_version_is_mirrored_and_judged_on_agreement_before_it_takes_traffic()
    {
        var analysis = new FakeRolloutAnalysis { Verdict = AnalysisVerdict.Inconclusive("3 shadow outputs compared so far") };
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-mirror"), analysis);
        var pod = await ActivateV1Async(op, RouterPodIp);

        await PatchSpecAsync(op, ReplaceWithV2UnderAgreement.DeepClone().AsObject());
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is not null, Wait, "v2 Deployment created");
        await op.MarkAvailableAsync("iris-v2");
        var mirroring = await op.ServeUntilAsync(pod, t => t.Backends.Any(b => b.Version == "v2"), "v2 in the table");
        mirroring.Backends.Should().ContainSingle(b => b.Version == "v2").Which.Should().Match<RoutingBackend>(b =>
            b.Role == BackendRole.Shadow && b.Weight == 0 && b.Name == RoutedBackends.CanaryName, "the first step mirrors: v2 answers nobody");
        mirroring.Champion!.Version.Should().Be("v1");

        await Eventually.HoldsAsync(async () =>
        {
            await op.AcknowledgeAsync(pod, mirroring.Generation);
            return analysis.Targets.Any(t => t.Phase == CanaryAnalysisPhase.Mirror);
        }, Wait, "the mirror phase analysed");
        analysis.Targets.First().Should().Match<CanaryAnalysisTarget>(t => t.Version == "v2" && t.Phase == CanaryAnalysisPhase.Mirror);
        analysis.Targets.First().RouterMetricsUrls.Should().Equal(new Uri($"http://{RouterPodIp}:8080/metrics"));
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.Conditions is { } c
            && ConditionList.Find(c, ConditionTypes.Progressing)?.Reason == RolloutStateMachine.AnalysisPending, Wait, "waiting on the agreement verdict");
        (await op.RoutingTableAsync("iris"))!.Generation.Should().Be(mirroring.Generation, "no weighted step before the agreement passed");

        analysis.Verdict = AnalysisVerdict.Passing("shadow agreement 0.97");
        var canary = await op.ServeUntilAsync(pod, t => t.Backends.Any(b => b.Version == "v2" && b.Role == BackendRole.Challenger), "v2 takes a weighted share");
        canary.Backends.Should().ContainSingle(b => b.Version == "v2").Which.Weight.Should().Be(20);
        await Eventually.HoldsAsync(async () =>
        {
            await op.AcknowledgeAsync(pod, canary.Generation);
            return analysis.Targets.Any(t => t.Phase == CanaryAnalysisPhase.Weighted);
        }, Wait, "the 20% step analysed");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris")).Any(e => e.Message!.Contains("mirroring traffic to version v2")), Wait, "an Event says the rollout began by mirroring");
    }

    [Fact]
    public async Task Disagreement_in_the_mirror_phase_ends_the_rollout_before_any_request_is_answered_by_the_new_version()
    {
        var analysis = new FakeRolloutAnalysis { Verdict = AnalysisVerdict.Failing("shadow agreement 0.62 below minShadowAgreement 0.9 (62/100 outputs agreed over 100 mirrored requests)") };
        using var metrics = PrometheusCollector.ForMeters(ModelDeploymentMetrics.MeterName);
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-mirror-fail"), analysis);
        var pod = await ActivateV1Async(op, RouterPodIp);

        await PatchSpecAsync(op, ReplaceWithV2UnderAgreement.DeepClone().AsObject());
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is not null, Wait, "v2 Deployment created");
        await op.MarkAvailableAsync("iris-v2");
        var tables = new List<RoutingTable>();
        await op.ServeUntilAsync(pod, t =>
        {
            tables.Add(t);
            return tables.Any(s => s.Backends.Any(b => b.Version == "v2")) && t.Backends.Select(b => b.Version).SequenceEqual(["v1"]);
        }, "mirrored, then back to v1 only");

        tables.SelectMany(t => t.Backends).Where(b => b.Version == "v2").Should().OnlyContain(b => b.Role == BackendRole.Shadow, "v2 never answered a request");

        // The routing table goes back to v1 in the same reconcile that writes the status, but before it.
        await Eventually.HoldsAsync(
            async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Degraded)?.Status == ConditionStatus.True, Wait, "Degraded");
        var status = (await op.GetAsync("iris")).Status!;
        ConditionList.Find(status.Conditions, ConditionTypes.Degraded).Should().Match<Condition>(c =>
            c.Status == ConditionStatus.True && c.Reason == ConditionReasons.RolloutAborted && c.Message!.Contains("in the mirror phase: shadow agreement 0.62"));
        status.ActiveModel!.Version.Should().Be("v1");
        status.History![0].Should().Match<ModelHistoryEntry>(h => h.Version == "v2" && h.Outcome == HistoryOutcome.Failed);

        // What the ModelshipRolloutAborted and ModelshipModelDeploymentDegraded alerts read.
        var series = $"modeldeployment=\"iris\",namespace=\"{op.Namespace}\"";
        await Eventually.HoldsAsync(() => Task.FromResult(metrics.Scrape().Contains($"modelship_modeldeployment_condition{{{series},status=\"True\",type=\"Degraded\"}} 1", StringComparison.Ordinal)),
            Wait, "the operator's cache holds the Degraded status");
        await Eventually.HoldsAsync(() => Task.FromResult(metrics.Scrape().Contains($"modelship_rollouts_total{{{series},result=\"aborted\"}} 1", StringComparison.Ordinal)),
            Wait, "the aborted rollout is counted");
        metrics.Scrape().Should().Contain($"modelship_rollouts_total{{{series},result=\"completed\"}} 0")
            .And.Contain($"modelship_rollouts_total{{{series},result=\"failed\"}} 0");
    }
}
