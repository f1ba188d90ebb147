using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// spec.autoscaling on a real API server (1.20: autoscaling/v2beta2; no kube-controller-manager, so the test scales
/// the Deployment as the HPA controller would, under its field manager).
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class AutoscalingTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Autoscalers_own_replicas_the_operator_never_resets_and_suspend_resume_drop_and_restore_them()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-hpa"));
        var ns = op.Namespace;
        var autoscalers = op.Client.For<V2HorizontalPodAutoscaler>(HorizontalPodAutoscalerBuilder.Resource);
        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(ns, change: s => s with { Replicas = 3 }));
        await Eventually.HoldsAsync(async () => (await op.Deployments.GetOrNullAsync(ns, "iris-v1"))?.Spec?.Replicas == 3, Wait, "iris-v1 at 3 replicas");

        // Autoscaling turned on: the replicas the Deployment runs are handed over, not reset to the default 1.
        await Patch(op, new JsonObject { ["autoscaling"] = new JsonObject { ["minReplicas"] = 2, ["maxReplicas"] = 5, ["metrics"] = new JsonObject { ["cpuUtilization"] = 70, ["requestsPerSecond"] = 2.5 } } });
        await Eventually.HoldsAsync(async () => await autoscalers.GetOrNullAsync(ns, "iris-v1") is not null && await autoscalers.GetOrNullAsync(ns, "iris-router") is not null, Wait, "an autoscaler for the runtime and the router");
        var runtime = await autoscalers.GetAsync(ns, "iris-v1");
        runtime.Spec.ScaleTargetRef.Should().BeEquivalentTo(new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "iris-v1" });
        runtime.Spec.MinReplicas.Should().Be(2);
        runtime.Spec.MaxReplicas.Should().Be(5);
        runtime.Spec.Metrics.Should().HaveCount(2);
        var cpu = runtime.Spec.Metrics.Single(m => m.Type == "Resource").Resource;
        (cpu.Name, cpu.Target.Type, cpu.Target.AverageUtilization).Should().Be(("cpu", "Utilization", 70));
        var rps = runtime.Spec.Metrics.Single(m => m.Type == "Pods").Pods;
        (rps.Metric.Name, rps.Target.Type, rps.Target.AverageValue.ToString()).Should().Be((HorizontalPodAutoscalerBuilder.RequestsPerSecondMetric, "AverageValue", "2500m"));
        runtime.Metadata.OwnerReferences.Should().ContainSingle(r => r.Kind == "ModelDeployment" && r.Name == "iris" && r.Controller == true);
        await op.TouchAndWaitForReconcileAsync("iris", Wait);
        (await op.Deployments.GetAsync(ns, "iris-v1")).Spec!.Replicas.Should().Be(3, "the field was handed over before the operator stopped applying it");

        // The HPA controller scales: the next reconciles (the Deployment's generation moved) leave its count alone.
        await op.Deployments.MergePatchAsync(ns, "iris-v1", new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 4 } }, "kube-controller-manager");
        await op.TouchAndWaitForReconcileAsync("iris", Wait);
        await op.TouchAndWaitForReconcileAsync("iris", Wait);
        (await op.Deployments.GetAsync(ns, "iris-v1")).Spec!.Replicas.Should().Be(4);

        // Suspend: zero replicas, no autoscalers.
        await Patch(op, new JsonObject { ["suspend"] = true });
        await Eventually.HoldsAsync(async () => (await op.Deployments.GetAsync(ns, "iris-v1")).Spec?.Replicas == 0
            && (await op.Deployments.GetAsync(ns, "iris-router")).Spec?.Replicas == 0
            && (await autoscalers.ListAsync(ns)).Items.Count == 0, Wait, "suspended: scaled to zero, autoscalers deleted");

        // Resume: the autoscalers are back, and the Deployments start from their minimum (an HPA leaves zero alone).
        await Patch(op, new JsonObject { ["suspend"] = false });
        await Eventually.HoldsAsync(async () => (await autoscalers.ListAsync(ns)).Items.Count == 2
            && (await op.Deployments.GetAsync(ns, "iris-v1")).Spec?.Replicas == 2
            && (await op.Deployments.GetAsync(ns, "iris-router")).Spec?.Replicas == 2, Wait, "resumed: autoscalers back, replicas at minReplicas");
    }

    private static Task Patch(ModelDeploymentOperator op, JsonObject spec) =>
        op.ModelDeployments.MergePatchAsync(op.Namespace, "iris", new JsonObject { ["spec"] = spec });
}
