using System.Text.Json.Nodes;
using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using static Modelship.IntegrationTests.ModelDeployment.ModelDeploymentControllerTests;
using static Modelship.IntegrationTests.ModelDeployment.RolloutRequestTests;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.IntegrationTests.ArgoCD;

/// <summary>
/// The Argo CD customizations against the ModelDeployment controller and kube-apiserver: each action's Lua runs on
/// the live object, its result goes back as Argo CD sends it (a merge patch from the live object), and health.lua
/// judges the statuses the controller writes. The observed objects are recorded as Fixtures/ for
/// <see cref="HealthFixtureTests"/> (with MODELSHIP_UPDATE_GOLDEN=1).
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ArgoCDActionTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Suspend_resume_and_abort_a_canary_through_the_actions_with_the_health_of_each_state()
    {
        var ns = await fixture.Cluster.CreateNamespaceAsync("argocd-abort");
        await ModelDeploymentCrd.InstallAsync(fixture.Cluster.AdminClient());
        using (var admin = fixture.Cluster.AdminClient(new KubernetesClientOptions { SerializerOptions = Api.Serialization.ModelshipApiJsonContext.KubernetesClientOptions }))
        {
            // Synced by Argo CD before any operator has looked at it.
            await admin.For<MD>().CreateAsync(ModelDeploymentSpecs.Iris(ns));
            await ExpectHealthAsync(admin, ns, "no-status");
        }

        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, ns);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status is not null, Wait, "a status");
        await ExpectHealthAsync(op.Client, ns, "deploying");

        await op.MarkAvailableAsync("iris-v1");
        await Eventually.HoldsAsync(async () => await op.RoutingTableAsync("iris") is not null, Wait, "table written");
        var pod = await op.CreateReadyRouterPodAsync("iris", "iris-router-a");
        await op.AcknowledgeAsync(pod, (await op.RoutingTableAsync("iris"))!.Generation);
        await EventuallyHealthAsync(op, "Healthy");
        await ExpectHealthAsync(op.Client, ns, "ready");

        await RunActionAsync(op, "suspend", """{"spec":{"suspend":true}}""");
        await Eventually.HoldsAsync(async () => (await op.Deployments.GetAsync(ns, "iris-v1")).Spec!.Replicas == 0, Wait, "scaled to zero");
        await EventuallyHealthAsync(op, "Suspended");
        await ExpectHealthAsync(op.Client, ns, "suspended");

        await RunActionAsync(op, "resume", """{"spec":{"suspend":false}}""");
        await Eventually.HoldsAsync(async () => (await op.Deployments.GetAsync(ns, "iris-v1")).Spec!.Replicas == 1, Wait, "scaled back up");
        await op.MarkAvailableAsync("iris-v1");
        await EventuallyHealthAsync(op, "Healthy");

        await PatchSpecAsync(op, SlowCanaryToV2.DeepClone().AsObject());
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(ns, "iris-v2") is not null, Wait, "v2 Deployment created");
        await op.MarkAvailableAsync("iris-v2");
        var canary = await op.ServeUntilAsync(pod, t => t.Backends.Any(b => b.Version == "v2" && b.Weight == 20), "canary at 20%");
        await op.AcknowledgeAsync(pod, canary.Generation);
        await Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Progressing)?.Message?.StartsWith("canary at 20%", StringComparison.Ordinal) == true, Wait, "pausing at 20%");
        await ExpectHealthAsync(op.Client, ns, "canary");
        (await ArgoCDLua.DiscoverAsync(await ArgoCDFixtures.ObserveAsync(op.Client, ns, "iris"))).Where(a => a.Value).Select(a => a.Key)
            .Should().BeEquivalentTo(["abort", "promote", "suspend"]);

        await RunActionAsync(op, "abort", """{"metadata":{"annotations":{"modelship.dev/abort":"v2"}}}""");
        var back = await op.ServeUntilAsync(pod, t => t.Backends.Select(b => b.Version).SequenceEqual(["v1"]), "traffic back on v1 only");
        await op.AcknowledgeAsync(pod, back.Generation);
        // Serving v1 again (Ready), yet Degraded: the spec still names v2, which does not serve.
        await Eventually.HoldsAsync(async () => ConditionList.IsTrue((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Ready), Wait, "Ready on v1");
        await EventuallyHealthAsync(op, "Degraded");
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Metadata.Annotations?.ContainsKey(ModelDeploymentAnnotations.Abort) != true, Wait, "the request removed");
        await ExpectHealthAsync(op.Client, ns, "aborted");
        (await op.GetAsync("iris")).Status!.ActiveModel!.Version.Should().Be("v1");
    }

    [Fact]
    public async Task Promote_a_canary_through_the_action_until_Healthy_on_the_new_version()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("argocd-promote"));
        var pod = await StartSlowCanaryAsync(op, SlowCanaryToV2);
        await EventuallyHealthAsync(op, "Progressing");

        await RunActionAsync(op, "promote", """{"metadata":{"annotations":{"modelship.dev/promote":"v2"}}}""");
        var promoted = await op.ServeUntilAsync(pod, t => t.Champion?.Version == "v2", "v2 takes all traffic");
        await op.AcknowledgeAsync(pod, promoted.Generation);
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1") is null, Wait, "v1 deleted after the drain");
        await EventuallyHealthAsync(op, "Healthy");
        await ExpectHealthAsync(op.Client, op.Namespace, "promoted");
        (await op.GetAsync("iris")).Metadata.Annotations?.ContainsKey(ModelDeploymentAnnotations.Promote).Should().NotBe(true);
    }

    /// <summary>The "Healthy too early" failure: a new spec the operator has not seen must not look Healthy on the old status.</summary>
    [Fact]
    public async Task A_spec_the_operator_has_not_observed_is_Progressing_not_Healthy()
    {
        var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("argocd-stale"));
        try
        {
            await ActivateV1Async(op);
            await EventuallyHealthAsync(op, "Healthy");
        }
        finally
        {
            await op.DisposeAsync();
        }

        // Argo CD syncs a change while the operator is away (or has not got to it yet).
        using var admin = fixture.Cluster.AdminClient();
        await admin.For<GenericObject>(MD.Resource).MergePatchAsync(op.Namespace, "iris", new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 2 } });
        var observed = await ArgoCDFixtures.ObserveAsync(admin, op.Namespace, "iris");
        ((long)observed["metadata"]!["generation"]!).Should().Be(2);
        ((long)observed["status"]!["observedGeneration"]!).Should().Be(1);
        ExpectedHealth.Check(await ArgoCDLua.HealthAsync(observed), "stale-generation");
        ArgoCDFixtures.Record("stale-generation", observed);
    }

    [Fact]
    public async Task An_invalid_spec_is_Degraded_with_the_fields_named()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("argocd-invalid"));
        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace, change: s => s with
        {
            Traffic = new TrafficSpec { Challengers = [new ChallengerSpec { Name = "same", Weight = 10, Model = s.Model }] },
        }));

        await EventuallyHealthAsync(op, "Degraded");
        await ExpectHealthAsync(op.Client, op.Namespace, "invalid-spec");
    }

    /// <summary>Runs the action's Lua on the live object and sends what Argo CD would send: the merge patch to its result.</summary>
    private static async Task RunActionAsync(ModelDeploymentOperator op, string action, string expectedPatch)
    {
        var live = await ArgoCDFixtures.ObserveAsync(op.Client, op.Namespace, "iris");
        (await ArgoCDLua.DiscoverAsync(live))[action].Should().BeTrue($"discovery offers {action} here");
        var patch = ArgoCDActionPatch.Create(live, await ArgoCDLua.ActionAsync(action, live));
        JsonNode.DeepEquals(patch, JsonNode.Parse(expectedPatch)).Should().BeTrue($"{action} changes only what it is for; the patch was {patch.ToJsonString()}");
        await op.Client.For<GenericObject>(MD.Resource).MergePatchAsync(op.Namespace, "iris", patch);
    }

    private static async Task ExpectHealthAsync(KubernetesClient client, string ns, string state)
    {
        var observed = await ArgoCDFixtures.ObserveAsync(client, ns, "iris");
        ExpectedHealth.Check(await ArgoCDLua.HealthAsync(observed), state);
        ArgoCDFixtures.Record(state, observed);
    }

    private static Task EventuallyHealthAsync(ModelDeploymentOperator op, string status) =>
        Eventually.HoldsAsync(async () => (await ArgoCDLua.HealthAsync(await ArgoCDFixtures.ObserveAsync(op.Client, op.Namespace, "iris"))).Status == status, Wait, $"health {status}");
}
