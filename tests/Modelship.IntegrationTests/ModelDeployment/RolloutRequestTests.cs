using System.Text.Json.Nodes;
using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using static Modelship.IntegrationTests.ModelDeployment.ModelDeploymentControllerTests;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// Abort and promote of a canary in progress, asked through the modelship.dev/abort and modelship.dev/promote
/// annotations (what the Argo CD actions set), against kube-apiserver. The test plays the kubelet and the router.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class RolloutRequestTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>v2 as a canary: 20% then 50%, each held for an hour, so only a request moves it on in a test.</summary>
    internal static readonly JsonObject SlowCanaryToV2 = new()
    {
        ["model"] = new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" },
        ["rollout"] = new JsonObject
        {
            ["strategy"] = "Canary",
            ["steps"] = new JsonArray(new JsonObject { ["weight"] = 20, ["pause"] = "1h" }, new JsonObject { ["weight"] = 50, ["pause"] = "1h" }),
        },
    };

    [Fact]
    public async Task Abort_mid_canary_puts_all_traffic_back_on_the_champion_and_the_attempt_is_not_retried()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-abort"));
        var pod = await StartSlowCanaryAsync(op, SlowCanaryToV2);

        await AnnotateAsync(op, ModelDeploymentAnnotations.Abort, "v2");
        var back = await op.ServeUntilAsync(pod, t => t.Backends.Select(b => b.Version).SequenceEqual(["v1"]), "traffic back on v1 only");
        back.Champion!.Version.Should().Be("v1");

        // The attempt is over once v2 is deleted (after every router serves the table without it).
        await Eventually.HoldsAsync(async () =>
        {
            await op.AcknowledgeAsync(pod, (await op.RoutingTableAsync("iris"))!.Generation);
            return await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is null;
        }, Wait, "v2 deleted");
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Metadata.Annotations?.ContainsKey(ModelDeploymentAnnotations.Abort) != true, Wait, "the handled request removed");
        var aborted = await op.GetAsync("iris");
        var status = aborted.Status!;
        status.ObservedGeneration.Should().Be(aborted.Metadata.Generation);
        status.ActiveModel!.Version.Should().Be("v1");
        status.PendingModel.Should().BeNull("the spec still names v2, but that attempt failed and is not retried");
        ConditionList.Find(status.Conditions, ConditionTypes.Degraded).Should().Match<Api.Conditions.Condition>(c =>
            c.Status == ConditionStatus.True && c.Reason == ConditionReasons.RolloutAborted && c.Message == "RolloutAborted: aborted by user (annotation modelship.dev/abort)");
        status.History![0].Should().Match<ModelHistoryEntry>(h => h.Version == "v2" && h.Outcome == HistoryOutcome.Failed && h.Message == "RolloutAborted: aborted by user (annotation modelship.dev/abort)");
        status.Traffic.Should().ContainSingle().Which.Should().Match<TrafficBackendStatus>(t => t.Version == "v1" && t.Weight == 100);
        (await op.RoutingTableAsync("iris"))!.Backends.Select(b => b.Version).Should().Equal("v1");
        (await op.EventsAsync("iris")).Should().Contain(e => e.Type == "Warning" && e.Reason == ConditionReasons.RolloutAborted && e.Message!.Contains("aborted by user"));
    }

    [Fact]
    public async Task Promote_mid_canary_skips_the_pauses_and_the_analysis_but_still_waits_for_the_routers_and_the_drain()
    {
        // An analysis that never concludes: without the promotion the canary would stay at 20% for good.
        var analysis = new FakeRolloutAnalysis { Verdict = AnalysisVerdict.Inconclusive("no requests yet") };
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-promote"), analysis);
        var spec = SlowCanaryToV2.DeepClone().AsObject();
        spec["rollout"]!["analysis"] = new JsonObject { ["maxErrorRate"] = 0.05 };
        var pod = await StartSlowCanaryAsync(op, spec);
        // The step's window runs for its 1h pause before the analysis judges it.
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status is { CanaryWindow.Weight: 20 } s
            && ConditionList.Find(s.Conditions, ConditionTypes.Progressing)?.Reason == RolloutStateMachine.ShiftingTraffic, Wait, "the canary's step window runs");

        await AnnotateAsync(op, ModelDeploymentAnnotations.Promote, "v2");
        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("iris"))?.Champion?.Version == "v2", Wait, "v2 takes all traffic");
        var promoted = (await op.RoutingTableAsync("iris"))!;
        var analysed = analysis.Targets.Count;
        promoted.Backends.Select(b => b.Version).Should().Equal(["v2"], "no 50% step and no canary share left");
        await op.AssertTableNamesOnlyAvailableVersionsAsync("iris");
        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Progressing)?.Reason == ConditionReasons.WaitingForRouters, Wait, "waiting for the routers");
        (await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1")).Should().NotBeNull("the routers have not served the promoted table yet");

        await op.AcknowledgeAsync(pod, promoted.Generation);
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1") is null, Wait, "v1 deleted after the drain");
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.ActiveModel?.Version == "v2"
            && (await op.GetAsync("iris")).Metadata.Annotations?.ContainsKey(ModelDeploymentAnnotations.Promote) != true, Wait, "v2 active, the request removed");
        var status = (await op.GetAsync("iris")).Status!;
        status.PendingModel.Should().BeNull();
        status.History!.Select(h => (h.Version, h.Outcome)).Should().Equal(("v2", HistoryOutcome.Active), ("v1", HistoryOutcome.Replaced));
        ConditionList.Find(status.Conditions, ConditionTypes.Degraded)!.Status.Should().Be(ConditionStatus.False);
        analysis.Targets.Should().HaveCount(analysed, "nothing is analysed once the new version takes all traffic");
        (await op.EventsAsync("iris")).Should().Contain(e => e.Reason == RolloutStateMachine.Promoted && e.Message!.Contains("promoted by user"));
    }

    [Fact]
    public async Task A_request_naming_another_version_is_removed_and_changes_nothing()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-stale-request"));
        await StartSlowCanaryAsync(op, SlowCanaryToV2);
        var before = await op.RoutingTableAsync("iris");

        // Left over from some earlier rollout of v1: it must not abort the rollout of v2.
        await AnnotateAsync(op, ModelDeploymentAnnotations.Abort, "v1");
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Metadata.Annotations?.ContainsKey(ModelDeploymentAnnotations.Abort) != true, Wait, "the stale request removed");

        var status = (await op.GetAsync("iris")).Status!;
        status.PendingModel!.Version.Should().Be("v2");
        ConditionList.Find(status.Conditions, ConditionTypes.Degraded)!.Status.Should().Be(ConditionStatus.False);
        (await op.RoutingTableAsync("iris")).Should().BeEquivalentTo(before, "the canary goes on as it was");
    }

    /// <summary>iris at v1, served; then <paramref name="spec"/> (a canary to v2) until the canary takes 20%, served too.</summary>
    internal static async Task<string> StartSlowCanaryAsync(ModelDeploymentOperator op, JsonObject spec)
    {
        var pod = await ActivateV1Async(op);
        await PatchSpecAsync(op, spec.DeepClone().AsObject());
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is not null, Wait, "v2 Deployment created");
        await op.MarkAvailableAsync("iris-v2");
        var canary = await op.ServeUntilAsync(pod, t => t.Backends.Any(b => b.Version == "v2" && b.Weight == 20), "canary at 20%");
        await op.AcknowledgeAsync(pod, canary.Generation);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.ServedGeneration == canary.Generation, Wait, "the routers serve the 20% table");
        return pod;
    }

    internal static Task AnnotateAsync(ModelDeploymentOperator op, string annotation, string value) =>
        op.ModelDeployments.MergePatchAsync(op.Namespace, "iris", new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [annotation] = value } } });
}
