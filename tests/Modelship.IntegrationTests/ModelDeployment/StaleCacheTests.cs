using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Api.Conditions;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Events;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// A reconcile that reads a ModelDeployment from a cache that does not show the operator's own last status write
/// yet would decide the transition that write recorded again. It must neither rewrite status nor repeat the Event,
/// the history entry or the rollout count.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class StaleCacheTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_cache_behind_the_operators_own_status_write_does_not_replay_the_completed_rollout()
    {
        // The drain leaves the test time to let the operator's cache catch up before it holds it back.
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-stale"), drainDelay: TimeSpan.FromSeconds(6));
        using var rollouts = new RolloutCountReader(op.Namespace);
        var key = $"{op.Namespace}/iris";
        var pod = await ModelDeploymentControllerTests.ActivateV1Async(op);
        await ReplaceWithV2UntilRoutedAsync(op);
        await op.AcknowledgeAsync(pod, (await op.RoutingTableAsync("iris"))!.Generation);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status is { ServedSince: not null, PendingModel.Version: "v2" }, Wait, "v2 takes all traffic and the drain runs");
        // The operator's cache is current: a reconcile started from a change made during the drain.
        await op.TouchAndWaitForReconcileAsync("iris", Wait);

        // From here on the operator's ModelDeployment cache stays where it is, while the drain ends and the rollout completes.
        op.ModelDeploymentWatch.Hold();
        try
        {
            await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.ActiveModel?.Version == "v2", Wait, "v2 recorded as the active model");
            var completed = (await op.GetAsync("iris")).Status!;

            // Reconciles that read the cache still showing v2 pending (the v1 deletions and this change to a child bring them).
            var mark = op.Reconciles.Mark;
            await op.Client.For<V1Deployment>().MergePatchAsync(op.Namespace, "iris-router", JsonNode.Parse("""{"metadata":{"annotations":{"test.modelship.dev/nudge":"1"}}}""")!);
            await Eventually.HoldsAsync(() => Task.FromResult(op.Reconciles.FinishedAfter(key, mark)), Wait, "a reconcile on the stale cache");

            await AssertRecordedOnceAsync(op, rollouts, completed);
        }
        finally
        {
            op.ModelDeploymentWatch.Release();
        }

        await op.TouchAndWaitForReconcileAsync("iris", Wait);
        await AssertRecordedOnceAsync(op, rollouts, (await op.GetAsync("iris")).Status!);
    }

    [Fact]
    public async Task A_status_computed_from_an_old_resource_version_is_refused_and_the_reconcile_requeued()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-stale-rv"), drainDelay: TimeSpan.FromSeconds(3));
        var pod = await ModelDeploymentControllerTests.ActivateV1Async(op);
        await ReplaceWithV2UntilRoutedAsync(op);
        await op.AcknowledgeAsync(pod, (await op.RoutingTableAsync("iris"))!.Generation);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status is { ServedSince: not null, PendingModel.Version: "v2" }, Wait, "v2 takes all traffic and the drain runs");
        var old = await op.GetAsync("iris");
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.ActiveModel?.Version == "v2", Wait, "the operator completes the rollout");
        var current = await op.GetAsync("iris");

        // Another reconciler, as a restarted operator would be, whose cache still holds the ModelDeployment from before.
        using var recorder = new EventRecorder(op.Client);
        var resources = await ResourcesAsync(op, old);
        using var stale = new ModelDeploymentReconciler(resources, recorder, new ModelDeploymentBuildOptions(), op.Metadata, null, TimeProvider.System, NullLogger<ModelDeploymentReconciler>.Instance)
        {
            DrainDelay = TimeSpan.FromSeconds(3),
        };

        var result = await stale.ReconcileAsync(new ObjectKey(op.Namespace, "iris"), CancellationToken.None);

        result.Should().Be(ReconcileResult.Requeue, "the status write was refused with 409 Conflict");
        var after = await op.GetAsync("iris");
        after.Metadata.ResourceVersion.Should().Be(current.Metadata.ResourceVersion, "nothing overwrote the completed rollout");
        after.Status!.History!.Count(h => h.Version == "v2").Should().Be(1);
        (await op.EventsAsync("iris")).Where(e => e.Reason == ConditionReasons.RolloutComplete).Sum(e => e.Count ?? 1).Should().Be(1);
    }

    private static async Task ReplaceWithV2UntilRoutedAsync(ModelDeploymentOperator op)
    {
        await ModelDeploymentControllerTests.PatchSpecAsync(op, new JsonObject { ["model"] = new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" } });
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is not null, Wait, "v2 Deployment created");
        await op.MarkAvailableAsync("iris-v2");
        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("iris"))?.Champion?.Version == "v2", Wait, "the table routes to v2");
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.Traffic?.Any(t => t.Version == "v2") == true, Wait, "status shows v2 routed");
    }

    private static async Task AssertRecordedOnceAsync(ModelDeploymentOperator op, RolloutCountReader rollouts, ModelDeploymentStatus completed)
    {
        var status = (await op.GetAsync("iris")).Status!;
        status.History!.Select(h => (h.Version, h.Outcome)).Should().Equal(("v2", HistoryOutcome.Active), ("v1", HistoryOutcome.Replaced));
        status.History![0].ActivatedAt.Should().Be(completed.History![0].ActivatedAt, "the completion was not recorded again");
        var completions = (await op.EventsAsync("iris")).Where(e => e.Reason == ConditionReasons.RolloutComplete).ToList();
        completions.Should().ContainSingle().Which.Count.Should().Be(1, "the Event is recorded once, not repeated");
        rollouts.Count("iris", RolloutResults.Completed).Should().Be(1);
    }

    /// <summary>The caches of a reconciler filled from the API server now, but with <paramref name="modelDeployment"/> as it was.</summary>
    private static async Task<ModelDeploymentResources> ResourcesAsync(ModelDeploymentOperator op, MD modelDeployment)
    {
        var client = op.Client;
        async Task<ObjectCache<T>> CacheOf<T>()
            where T : class, IKubernetesObject<V1ObjectMeta>
        {
            var cache = new ObjectCache<T>();
            cache.Replace([.. (await client.For<T>().ListAsync(op.Namespace)).Items]);
            return cache;
        }
        var deployments = new ObjectCache<MD>();
        deployments.Upsert(modelDeployment);
        return new ModelDeploymentResources(
            deployments,
            await CacheOf<V1Deployment>(),
            await CacheOf<V1Service>(),
            await CacheOf<V1ConfigMap>(),
            await CacheOf<V1Pod>(),
            await CacheOf<V1ServiceAccount>(),
            await CacheOf<V1RoleBinding>(),
            client.For<MD>(),
            client.For<V1Deployment>(),
            client.For<V1Service>(),
            client.For<V1ConfigMap>(),
            client.For<V1ServiceAccount>(),
            client.For<V1RoleBinding>());
    }
}
