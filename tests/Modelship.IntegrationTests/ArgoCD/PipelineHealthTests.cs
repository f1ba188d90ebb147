using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.IntegrationTests.Pipeline;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.IntegrationTests.ArgoCD;

/// <summary>
/// The Pipeline health check of config/argocd/ against the statuses the Pipeline controller writes in kube-apiserver,
/// state by state; the observed objects are recorded as Fixtures/pipeline-*.json for <see cref="HealthFixtureTests"/>
/// (with MODELSHIP_UPDATE_GOLDEN=1).
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class PipelineHealthTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_health_of_each_state_a_pipeline_goes_through()
    {
        var ns = await fixture.Cluster.CreateNamespaceAsync("argocd-pipeline");
        using var admin = fixture.Cluster.AdminClient(new KubernetesClientOptions { SerializerOptions = Api.Serialization.ModelshipApiJsonContext.KubernetesClientOptions });
        await PipelineOperator.InstallCrdsAsync(admin);
        // Synced by Argo CD before any operator has looked at them.
        await admin.For<Api.V1Alpha1.ModelDeployment>().CreateAsync(ModelDeploymentSpecs.Iris(ns));
        await admin.For<PipelineResource>().CreateAsync(PipelineSpecs.Scoring(ns));
        await ExpectHealthAsync(admin, ns, "pipeline-no-status");

        string pod;
        await using (var op = await PipelineOperator.StartAsync(fixture.Cluster, ns))
        {
            await EventuallyReadyReasonAsync(op, Operator.Controllers.Pipeline.PipelineStatusBuilder.WaitingForModels);
            await ExpectHealthAsync(admin, ns, "pipeline-waiting-for-models");

            await op.Kubelet.MarkAvailableAsync("iris-v1");
            await Eventually.HoldsAsync(async () => await op.Kubelet.RoutingTableAsync("iris") is not null, Wait, "iris's table written");
            var irisPod = await op.Kubelet.CreateReadyRouterPodAsync("iris", "iris-router-a");
            await op.Kubelet.AcknowledgeAsync(irisPod, (await op.Kubelet.RoutingTableAsync("iris"))!.Generation);
            await Eventually.HoldsAsync(async () => (await op.ModelDeployments.GetAsync(ns, "iris")).Status?.Phase == ModelDeploymentPhase.Active, Wait, "iris Active");
            await op.Kubelet.MarkAvailableAsync(PipelineSpecs.Prep("v1"));
            await EventuallyReadyReasonAsync(op, ConditionReasons.WaitingForRouters);
            await ExpectHealthAsync(admin, ns, "pipeline-waiting-for-routers");

            pod = await op.Kubelet.CreateReadyRouterPodAsync("scoring", "scoring-router-a");
            await op.Kubelet.AcknowledgeAsync(pod, (await op.RoutingTableAsync("scoring"))!.Generation);
            await Eventually.HoldsAsync(async () => (await op.GetAsync("scoring")).Status?.Phase == PipelinePhase.Active, Wait, "Active");
            await ExpectHealthAsync(admin, ns, "pipeline-ready");
        }

        // A spec change while no operator runs: the status describes the previous generation.
        await admin.For<PipelineResource>().MergePatchAsync(ns, "scoring", new JsonObject
        {
            ["spec"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(PipelineSpecs.Scoring(ns, prepVersion: "v2").Spec, Api.Serialization.ModelshipApiJsonContext.Default.PipelineSpec)),
        });
        await ExpectHealthAsync(admin, ns, "pipeline-stale-generation");

        await using (var op = await PipelineOperator.StartAsync(fixture.Cluster, ns))
        {
            await Eventually.HoldsAsync(async () => (await op.GetAsync("scoring")).Status?.ObservedGeneration == 2, Wait, "generation 2 observed");
            await ExpectHealthAsync(admin, ns, "pipeline-updating");

            await op.Kubelet.MarkAvailableAsync(PipelineSpecs.Prep("v2"));
            await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("scoring"))?.Pipeline?.Steps[0].Models?[0].Version == "v2", Wait, "the table routes to v2");
            await op.Kubelet.AcknowledgeAsync(pod, (await op.RoutingTableAsync("scoring"))!.Generation);
            await EventuallyHealthAsync(admin, ns, "Healthy");

            // iris's model server goes away: iris is not Ready, and the step that calls it cannot answer.
            await op.Client.For<V1Deployment>().MergePatchStatusAsync(ns, "iris-v1", new JsonObject { ["status"] = new JsonObject { ["availableReplicas"] = 0, ["readyReplicas"] = 0 } });
            await EventuallyHealthAsync(admin, ns, "Degraded");
            await ExpectHealthAsync(admin, ns, "pipeline-step-not-ready");

            await admin.For<PipelineResource>().MergePatchAsync(ns, "scoring", new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["steps"] = new JsonArray(
                    JsonNode.Parse("""{"name":"prep","model":{"model":{"uri":"https://models.example.com/prep/v2.onnx","version":"v2"}}}"""),
                    JsonNode.Parse("""{"name":"classify","model":{"modelDeploymentRef":{"name":"nope"}}}"""))
                },
            });
            await EventuallyReadyReasonAsync(op, ConditionReasons.InvalidSpec);
            await ExpectHealthAsync(admin, ns, "pipeline-invalid-spec");
        }
    }

    private static async Task ExpectHealthAsync(KubernetesClient client, string ns, string state)
    {
        var observed = await ArgoCDFixtures.ObserveAsync(client, ns, "scoring", PipelineResource.Resource);
        ExpectedPipelineHealth.Check(await ArgoCDLua.HealthAsync(observed, ArgoCDLua.PipelineHealthScript), state);
        ArgoCDFixtures.Record(state, observed);
    }

    private static Task EventuallyHealthAsync(KubernetesClient client, string ns, string status) =>
        Eventually.HoldsAsync(async () => (await ArgoCDLua.HealthAsync(await ArgoCDFixtures.ObserveAsync(client, ns, "scoring", PipelineResource.Resource), ArgoCDLua.PipelineHealthScript)).Status == status, Wait, $"health {status}");

    private static Task EventuallyReadyReasonAsync(PipelineOperator op, string reason) =>
        Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("scoring")).Status?.Conditions, ConditionTypes.Ready)?.Reason == reason, Wait, $"Ready reason {reason}");
}
