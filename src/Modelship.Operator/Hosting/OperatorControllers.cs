using Modelship.Kubernetes.Controllers;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Monitoring;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Operator.Controllers.Pipeline;
using Modelship.Operator.Controllers.RefreshSchedule;
using Modelship.Operator.Rbac;

namespace Modelship.Operator.Hosting;

/// <summary>The controllers <c>modelship operator</c> runs. Each kind's controller adds its factory here.</summary>
// What every controller shares: the Event recorder (creates Events, patches their count) and the host's leader
// election (the Lease is replaced with PUT, so a lost race fails with a conflict).
[RbacRule(Resources = ["events"], Verbs = ["create", "patch"])]
[RbacRule(Role = RbacRoles.LeaderElection, Group = "coordination.k8s.io", Resources = ["leases"], Verbs = ["get", "create", "update"])]
public static class OperatorControllers
{
    // One client for replacement checks (model metadata) and canary analysis (router metrics), shared by every reconcile.
    private static readonly HttpClient MetadataHttp = new() { Timeout = TimeSpan.FromSeconds(10) };

    // One client for the HTTP index and MLflow sources of RefreshSchedules (a registry may answer slower than a router).
    private static readonly HttpClient RegistryHttp = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static IReadOnlyList<Func<ControllerContext, Controller>> For(OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var build = new ModelDeploymentBuildOptions { Image = options.Image, RouterClusterRole = options.RouterClusterRole, RouterReplicas = options.RouterReplicas };
        return
        [
            ModelDeploymentController.Create(build, new HttpModelMetadataSource(MetadataHttp), new RouterMetricsAnalysis(MetadataHttp), monitoringReports: new RouterMonitoringReader(MetadataHttp), inference: new HttpModelInferenceSource(MetadataHttp)),
            PipelineController.Create(build),
            RefreshScheduleController.Create(RegistryHttp, build: build),
        ];
    }
}
