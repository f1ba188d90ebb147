using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Tests.ModelDeployment.Builders;

/// <summary>spec.monitoring in the router Pod (log volume, drift reference) and in the routing table.</summary>
public sealed class RouterMonitoringBuilderTests
{
    private static readonly ModelDeploymentBuildOptions Options = new();

    private static readonly MonitoringSpec FromConfigMap = new()
    {
        CollectPredictions = true,
        Storage = new MonitoringStorage { PersistentVolumeClaim = "fraud-logs" },
        Drift = new DriftMonitoring { Reference = new DriftReference { ConfigMap = new ConfigMapKeyReference { Name = "fraud-profile" } }, Window = 500, MinSamples = 50 },
        AssociationIdField = "transaction_id",
        AssociationIdSource = AssociationIdFieldSource.Header,
        Accuracy = new AccuracyMonitoring { Task = AccuracyTask.Classification, Output = "label", Retention = "24h", Window = 200, MaxPredictions = 5000 },
    };

    private static readonly MonitoringSpec FromUri = new()
    {
        Storage = new MonitoringStorage { SizeLimit = "2Gi" },
        Drift = new DriftMonitoring { Reference = new DriftReference { Uri = "https://models.example.com/fraud/v2/profile.json" } },
    };

    [Fact]
    public void Router_with_a_pvc_and_a_configmap_reference_matches_golden() =>
        Golden.Matches(RouterDeploymentBuilder.Build(Samples.Fraud(s => s with { Monitoring = FromConfigMap }), Options, suspended: false), "router-deployment-monitoring-configmap");

    [Fact]
    public void Router_with_a_size_limit_and_a_fetched_reference_matches_golden() =>
        Golden.Matches(RouterDeploymentBuilder.Build(Samples.Fraud(s => s with { Monitoring = FromUri }), Options, suspended: false), "router-deployment-monitoring-uri");

    [Fact]
    public void The_table_points_the_router_at_the_reference_where_its_pod_sees_it()
    {
        var withConfigMap = Table(FromConfigMap).Monitoring!;
        withConfigMap.Drift.Should().BeEquivalentTo(new DriftSettings { ReferencePath = "/etc/modelship/drift-reference/profile.json", Window = 500, MinSamples = 50 });
        withConfigMap.Actuals.Should().BeEquivalentTo(new ActualsSettings
        {
            AssociationId = new AssociationIdKey { Source = Api.Routing.AssociationIdSource.Header, Name = "transaction_id" },
            Task = ModelTask.Classification,
            Output = "label",
            Window = 200,
            RetentionSeconds = 24 * 3600,
            MaxPredictions = 5000,
        });
        var router = RouterDeploymentBuilder.Build(Samples.Fraud(s => s with { Monitoring = FromConfigMap }), Options, suspended: false).Spec!.Template!.Spec!;
        var mount = router.Containers[0].VolumeMounts.Single(m => m.Name == "drift-reference");
        withConfigMap.Drift!.ReferencePath.Should().StartWith(mount.MountPath + "/");
        mount.ReadOnlyProperty.Should().BeTrue();

        var withUri = Table(FromUri).Monitoring!;
        withUri.Drift!.ReferencePath.Should().Be("/var/lib/modelship/drift-reference/profile.json");
        withUri.Actuals.Should().BeNull("no accuracy, no actuals");
    }

    [Fact]
    public void Without_drift_or_accuracy_the_table_has_no_monitoring_section_and_the_pod_the_default_log_volume()
    {
        Table(new MonitoringSpec { CollectPredictions = true }).Monitoring.Should().BeNull();
        var router = RouterDeploymentBuilder.Build(Samples.Fraud(), Options, suspended: false).Spec!.Template!.Spec!;
        router.Volumes.Single(v => v.Name == "inference-log").EmptyDir.SizeLimit.ToString().Should().Be("384Mi");
        router.InitContainers.Should().BeNull();
    }

    [Fact]
    public void A_local_run_can_give_its_own_reference_path() =>
        RoutingTableBuilder.Build("fraud", 1, [], null, FromUri, _ => "http://x:1", _ => "/home/me/profile.json").Monitoring!.Drift!.ReferencePath.Should().Be("/home/me/profile.json");

    [Fact]
    public void A_pipeline_router_gets_its_storage()
    {
        var router = RouterDeploymentBuilder.Build(ChildOwner.Of(Samples.Fraud()), Options, suspended: false, new RouterMonitoringVolumes(new MonitoringStorage { PersistentVolumeClaim = "logs" }, null));
        router.Spec!.Template!.Spec!.Volumes.Single(v => v.Name == "inference-log").PersistentVolumeClaim.ClaimName.Should().Be("logs");
    }

    private static RoutingTable Table(MonitoringSpec monitoring)
    {
        var deployment = Samples.Fraud(s => s with { Monitoring = monitoring });
        return RoutingTableBuilder.Build("fraud", 1, ModelBackend.FromSpec(deployment.Spec), null, monitoring, b => RuntimeServiceBuilder.Url(deployment, b.Model.Version));
    }
}
