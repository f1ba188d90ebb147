using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.Kubernetes.Client;
using Modelship.Operator.Notifications;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.IntegrationTests.Notifications;

/// <summary>spec.notifications with the real ModelDeployment controller, a real API server and real HTTP receivers on 127.0.0.1.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class NotificationTests(SharedClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_signed_webhook_gets_RolloutStarted_and_RolloutSucceeded_for_a_model_change()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("notify-rollout"));
        await CreateSecretAsync(op, "hook-key", "key", "hmac-key-1");
        var pod = await ActivateV1Async(op, new NotificationSpec
        {
            Name = "rollouts",
            Events = [NotificationEvent.RolloutStarted, NotificationEvent.RolloutSucceeded, NotificationEvent.RolloutAborted],
            Webhook = new WebhookSpec { Url = receiver.Url, Auth = WebhookAuth.HmacSha256, SecretRef = new NotificationSecretReference { Name = "hook-key", Key = "key" } },
        });

        await ChangeModelToV2Async(op, pod);

        await Eventually.HoldsAsync(() => receiver.Accepted.Count(c => c.Field("version") == "v2") >= 2, Wait, "RolloutStarted and RolloutSucceeded of v2 delivered");
        var calls = receiver.Accepted.Where(c => c.Field("version") == "v2").ToList();
        calls.Select(c => c.Field("event")).Should().Equal("RolloutStarted", "RolloutSucceeded");
        foreach (var call in calls)
        {
            call.Field("name").Should().Be("iris");
            call.Field("namespace").Should().Be(op.Namespace);
            var timestamp = call.Headers[WebhookSignature.TimestampHeader];
            long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture).Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 120);
            WebhookSignature.Verify(Encoding.UTF8.GetBytes("hmac-key-1"), timestamp, call.Body, call.Headers[WebhookSignature.SignatureHeader])
                .Should().BeTrue("the receiver checks the signature over the timestamp and the body it got");
        }
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris")).Count(e => e.Reason == NotificationDelivery.SentReason) >= 2, Wait, "NotificationSent Events on the ModelDeployment");
        (await op.EventsAsync("iris")).Should().NotContain(e => e.Reason == NotificationDelivery.FailedReason);
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_notification_on_the_third_attempt_and_it_counts_as_sent()
    {
        await using var receiver = WebhookReceiver.Start(failFirst: 2);
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("notify-retry"));
        using var counts = new NotificationCountReader(op.Notifications.Metrics);
        counts.Read("RolloutStarted", NotificationMetrics.Sent).Should().Be(0, "the series exists from 0");
        await CreateSecretAsync(op, "hook-token", "token", "bearer-1");
        var pod = await ActivateV1Async(op, new NotificationSpec
        {
            Name = "started",
            Events = [NotificationEvent.RolloutStarted],
            Webhook = new WebhookSpec { Url = receiver.Url, SecretRef = new NotificationSecretReference { Name = "hook-token", Key = "token" } },
        });

        await op.ModelDeployments.MergePatchAsync(op.Namespace, "iris", new JsonObject { ["spec"] = new JsonObject { ["model"] = new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" } } });
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is not null, Wait, "v2 Deployment created");
        await op.MarkAvailableAsync("iris-v2");

        await Eventually.HoldsAsync(() => counts.Read("RolloutStarted", NotificationMetrics.Sent) == 1, Wait, "modelship_notifications_total{event=RolloutStarted,result=sent} is 1");
        receiver.Calls.Select(c => c.Answered).Should().Equal(500, 500, 204);
        receiver.Calls.Select(c => c.Field("event")).Should().AllBe("RolloutStarted");
        receiver.Calls.Select(c => c.Headers["Authorization"]).Should().AllBe("Bearer bearer-1");
        counts.Read("RolloutStarted", NotificationMetrics.Failed).Should().Be(0);
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris")).Any(e => e.Reason == NotificationDelivery.SentReason && e.Message!.Contains("3 attempts", StringComparison.Ordinal)), Wait,
            "a NotificationSent Event saying it took 3 attempts");
        _ = pod;
    }

    [Fact]
    public async Task A_job_is_created_from_the_template_when_Drifting_turns_true_in_a_status_patch_standing_in_for_the_router_driven_path()
    {
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("notify-job"));
        var template = JsonDocument.Parse("""
            {"metadata": {"labels": {"team": "ml"}},
             "spec": {"backoffLimit": 0, "template": {"spec": {"restartPolicy": "Never",
               "containers": [{"name": "train", "image": "registry.example.com/trainer:1", "args": ["--retrain"]}]}}}}
            """).RootElement.Clone();
        var created = await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace, change: s => s with
        {
            Notifications = [new NotificationSpec { Name = "retrain", Events = [NotificationEvent.Drifting], Job = new NotificationJobSpec { Template = template } }],
        }));
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.ObservedGeneration == created.Metadata.Generation, Wait, "the controller wrote status");

        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        await SetDriftingAsync(op, ConditionStatus.True, since);

        var job = await Eventually.ReturnsAsync(async () => (await op.Client.For<V1Job>().ListAsync(op.Namespace)).Items.SingleOrDefault(), Wait, "a Job created from the template");
        job.Metadata.GenerateName.Should().Be("iris-drifting-");
        job.Metadata.Name.Should().StartWith("iris-drifting-");
        job.Metadata.Labels.Should().Contain(new Dictionary<string, string> { ["team"] = "ml", [NotificationJobBuilder.EventLabel] = "Drifting", [NotificationJobBuilder.NotificationLabel] = "retrain" });
        job.Metadata.OwnerReferences.Should().ContainSingle().Which.Uid.Should().Be(created.Metadata.Uid);
        var container = job.Spec.Template.Spec.Containers.Should().ContainSingle().Subject;
        container.Args.Should().Equal("--retrain");
        container.Env.Should().Contain(e => e.Name == "MODELSHIP_EVENT" && e.Value == "Drifting");
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.Notifications?.DriftingSince is not null, Wait, "status.notifications records the transition it fired for");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris")).Any(e => e.Reason == NotificationDelivery.SentReason && e.Message!.Contains(job.Metadata.Name!, StringComparison.Ordinal)), Wait,
            "a NotificationSent Event naming the Job");

        // Drifting again while the first Job still runs (no kubelet finishes it): skipped, with an Event.
        await SetDriftingAsync(op, ConditionStatus.False, since.AddSeconds(1));
        await SetDriftingAsync(op, ConditionStatus.True, since.AddSeconds(2));
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris")).Any(e => e.Reason == NotificationDelivery.SkippedReason && e.Message!.Contains(job.Metadata.Name!, StringComparison.Ordinal)), Wait,
            "a NotificationSkipped Event naming the running Job");
        (await op.Client.For<V1Job>().ListAsync(op.Namespace)).Items.Should().ContainSingle("at most one Job runs per ModelDeployment and event");
    }

    /// <summary>Sets the Drifting condition with a status merge patch (the whole list: a merge patch replaces lists), retried on conflict.</summary>
    private static async Task SetDriftingAsync(ModelDeploymentOperator op, ConditionStatus status, DateTimeOffset at)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await op.GetAsync("iris");
            var conditions = ConditionList.Set(current.Status?.Conditions, new Condition
            {
                Type = ConditionTypes.Drifting,
                Status = status,
                Reason = status == ConditionStatus.True ? "FeatureDrift" : "NoDrift",
                Message = status == ConditionStatus.True ? "feature petal_length PSI 0.4 above 0.2" : "no drift",
                LastTransitionTime = at,
            });
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = current.Metadata.ResourceVersion },
                // Only the conditions: a status with nothing else serializes to just them (nulls are omitted).
                ["status"] = JsonSerializer.SerializeToNode(new ModelDeploymentStatus { Conditions = conditions }, Api.Serialization.ModelshipApiJsonContext.Default.ModelDeploymentStatus),
            };
            try
            {
                await op.ModelDeployments.MergePatchStatusAsync(op.Namespace, "iris", patch);
                return;
            }
            catch (KubernetesApiException ex) when (ex.IsConflict && attempt < 20)
            {
            }
        }
    }

    private static async Task CreateSecretAsync(ModelDeploymentOperator op, string name, string key, string value) =>
        await op.Client.For<V1Secret>().CreateAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = op.Namespace },
            Data = new Dictionary<string, byte[]> { [key] = Encoding.UTF8.GetBytes(value) },
        });

    private static async Task<string> ActivateV1Async(ModelDeploymentOperator op, NotificationSpec notification)
    {
        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace, change: s => s with { Notifications = [notification] }));
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1") is not null, Wait, "v1 exists");
        await op.MarkAvailableAsync("iris-v1");
        await Eventually.HoldsAsync(async () => await op.RoutingTableAsync("iris") is not null, Wait, "table written");
        var pod = await op.CreateReadyRouterPodAsync("iris", "iris-router-a");
        await op.AcknowledgeAsync(pod, (await op.RoutingTableAsync("iris"))!.Generation);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.Phase == ModelDeploymentPhase.Active, Wait, "v1 Active");
        return pod;
    }

    private static async Task ChangeModelToV2Async(ModelDeploymentOperator op, string pod)
    {
        await op.ModelDeployments.MergePatchAsync(op.Namespace, "iris", new JsonObject { ["spec"] = new JsonObject { ["model"] = new JsonObject { ["uri"] = "https://models.example.com/iris/v2.onnx", ["version"] = "v2" } } });
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v2") is not null, Wait, "v2 Deployment created");
        await op.MarkAvailableAsync("iris-v2");
        await Eventually.HoldsAsync(async () => (await op.RoutingTableAsync("iris"))?.Champion?.Version == "v2", Wait, "the table routes to v2");
        await op.AcknowledgeAsync(pod, (await op.RoutingTableAsync("iris"))!.Generation);
        await Eventually.HoldsAsync(async () => (await op.GetAsync("iris")).Status?.ActiveModel?.Version == "v2", Wait, "v2 is the champion");
    }
}
