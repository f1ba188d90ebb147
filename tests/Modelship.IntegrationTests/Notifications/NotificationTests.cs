using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.IntegrationTests.ModelDeployment;
using Modelship.Kubernetes.Client;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
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
    public async Task A_job_is_created_from_the_template_when_the_routers_report_drift_above_the_threshold()
    {
        // The router's GET /v2/monitoring is a stand-in at the router Pod's IP; the operator reads it as in a cluster.
        using var routers = new RouterMonitoringStandIn(RouterIp);
        routers.Answer(RouterIp, DriftReport(petalPsi: 0.01));
        using (var admin = fixture.Cluster.AdminClient())
        {
            await ModelDeploymentCrd.InstallRouterClusterRoleAsync(admin);
        }
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("notify-job"),
            build: new ModelDeploymentBuildOptions { RouterPort = routers.Port });
        var template = JsonDocument.Parse("""
            {"metadata": {"labels": {"team": "ml"}},
             "spec": {"backoffLimit": 0, "template": {"spec": {"restartPolicy": "Never",
               "containers": [{"name": "train", "image": "registry.example.com/trainer:1", "args": ["--retrain"]}]}}}}
            """).RootElement.Clone();
        await ActivateV1Async(op, new NotificationSpec { Name = "retrain", Events = [NotificationEvent.Drifting], Job = new NotificationJobSpec { Template = template } }, RouterIp,
            new MonitoringSpec
            {
                StatusInterval = "1s",
                Drift = new DriftMonitoring { Reference = new DriftReference { ConfigMap = new ConfigMapKeyReference { Name = "iris-profile" } }, Threshold = 0.2, MinSamples = 100 },
            });
        var created = await op.GetAsync("iris");
        await DriftingAsync(op, ConditionStatus.False);

        routers.Answer(RouterIp, DriftReport(petalPsi: 0.9));
        await DriftingAsync(op, ConditionStatus.True);

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
        routers.Answer(RouterIp, DriftReport(petalPsi: 0.01));
        await DriftingAsync(op, ConditionStatus.False);
        routers.Answer(RouterIp, DriftReport(petalPsi: 0.9));
        await DriftingAsync(op, ConditionStatus.True);
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris")).Any(e => e.Reason == NotificationDelivery.SkippedReason && e.Message!.Contains(job.Metadata.Name!, StringComparison.Ordinal)), Wait,
            "a NotificationSkipped Event naming the running Job");
        (await op.Client.For<V1Job>().ListAsync(op.Namespace)).Items.Should().ContainSingle("at most one Job runs per ModelDeployment and event");
    }

    private const string RouterIp = "127.0.0.1";

    private static MonitoringReport DriftReport(double petalPsi) => new()
    {
        Model = "iris",
        Drift = [new VersionDrift { Version = "v1", Samples = 500, Features = [new FeatureDrift { Name = "petal", Psi = petalPsi, Hellinger = 0.1 }] }],
    };

    private static Task DriftingAsync(ModelDeploymentOperator op, ConditionStatus status) =>
        Eventually.HoldsAsync(async () => ConditionList.Find((await op.GetAsync("iris")).Status?.Conditions, ConditionTypes.Drifting)?.Status == status, Wait, $"Drifting {status}");

    private static async Task CreateSecretAsync(ModelDeploymentOperator op, string name, string key, string value) =>
        await op.Client.For<V1Secret>().CreateAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = op.Namespace },
            Data = new Dictionary<string, byte[]> { [key] = Encoding.UTF8.GetBytes(value) },
        });

    private static async Task<string> ActivateV1Async(ModelDeploymentOperator op, NotificationSpec notification, string? routerPodIp = null, MonitoringSpec? monitoring = null)
    {
        await op.ModelDeployments.CreateAsync(ModelDeploymentSpecs.Iris(op.Namespace, change: s => s with { Notifications = [notification], Monitoring = monitoring }));
        await Eventually.HoldsAsync(async () => await op.Deployments.GetOrNullAsync(op.Namespace, "iris-v1") is not null, Wait, "v1 exists");
        await op.MarkAvailableAsync("iris-v1");
        await Eventually.HoldsAsync(async () => await op.RoutingTableAsync("iris") is not null, Wait, "table written");
        var pod = await op.CreateReadyRouterPodAsync("iris", "iris-router-a", routerPodIp);
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
