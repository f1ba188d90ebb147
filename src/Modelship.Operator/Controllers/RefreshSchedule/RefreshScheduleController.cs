using k8s.Models;
using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.RefreshSchedule.Batch;
using Modelship.Operator.Controllers.RefreshSchedule.Metrics;
using Modelship.Operator.Controllers.RefreshSchedule.Trial;
using Modelship.Operator.Hosting;
using Modelship.Operator.Rbac;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.Operator.Controllers.RefreshSchedule;

/// <summary>
/// Wires the RefreshSchedule reconciler: the RefreshSchedules, and the ModelDeployments they target (a target that
/// appears, or whose spec changes, is looked at again). The schedule itself is kept by requeues at the next scheduled
/// time, measured on the injected <see cref="TimeProvider"/>.
/// </summary>
[RbacRule(Group = "modelship.dev", Resources = ["refreshschedules"], Verbs = ["get", "list", "watch"])]
[RbacRule(Group = "modelship.dev", Resources = ["refreshschedules/status"], Verbs = ["get", "patch"])]
// A promotion patches the target's spec.model (field manager modelship-refresh).
[RbacRule(Group = "modelship.dev", Resources = ["modeldeployments"], Verbs = ["get", "list", "watch", "patch"])]
// ... or the inline model of a Pipeline's model step.
[RbacRule(Group = "modelship.dev", Resources = ["pipelines"], Verbs = ["get", "list", "watch", "patch"])]
// A trial reads the target's router Pods (their /metrics) at the start and end of a window.
[RbacRule(Resources = ["pods"], Verbs = ["list"])]
// Tokens and S3 credentials of sources, read by name when a run needs them (never listed or cached).
[RbacRule(Resources = ["secrets"], Verbs = ["get"])]
public static class RefreshScheduleController
{
    public const string Name = "refreshschedule";

    /// <param name="http">For HTTP index and MLflow sources; shared, not owned.</param>
    /// <param name="time">The clock of the schedule (and of the controller's requeues); the system clock when null.</param>
    /// <param name="reconcilerTime">The clock the reconciler decides with, when it must differ from <paramref name="time"/> (tests).</param>
    /// <param name="build">Where the targets' routers publish their metrics (the router port); the image and endpoint port of batch Jobs.</param>
    public static Func<ControllerContext, Controller> Create(HttpClient http, TimeProvider? time = null, TimeProvider? reconcilerTime = null, int workers = 2, ModelDeploymentBuildOptions? build = null) => context =>
    {
        ArgumentNullException.ThrowIfNull(http);
        var informers = context.Informers;
        var client = context.Client;
        var schedules = informers.For<Schedule>();
        var modelDeployments = informers.For<MD>();
        var pipelines = informers.For<PipelineResource>();
        var secrets = client.For<V1Secret>();
        var resources = new RefreshScheduleResources(
            schedules.Cache,
            modelDeployments.Cache,
            pipelines.Cache,
            client.For<Schedule>(),
            client.For<MD>(),
            client.For<PipelineResource>(),
            secrets);
        var registry = new RegistryVersions(http, (ns, name, ct) => secrets.GetOrNullAsync(ns, name, ct));
        var decisionTime = reconcilerTime ?? time ?? TimeProvider.System;
        var trials = new RefreshTrials(resources.ModelDeploymentClient, new TrialRouterMetrics(http, client.For<V1Pod>(), build ?? new ModelDeploymentBuildOptions()), decisionTime);
        var batchRuns = new RefreshBatchRuns(client.For<V1Job>(), client.For<V1Pod>(), build ?? new ModelDeploymentBuildOptions(), context.LoggerFactory.CreateLogger<RefreshBatchRuns>());
        var reconciler = new RefreshScheduleReconciler(resources, registry, trials, context.Events, context.LoggerFactory.CreateLogger<RefreshScheduleReconciler>(), decisionTime, batchRuns)
        {
            Metrics = new RefreshScheduleMetrics(schedules.Cache),
            Notifications = context.Notifications,
        };
        return ControllerBuilder.For<Schedule>()
            .Named(Name)
            .Watches(modelDeployments, md => SchedulesTargeting(schedules.Cache, md), ChangePredicate.GenerationChanged)
            .Watches(pipelines, pipeline => SchedulesTargeting(schedules.Cache, pipeline), ChangePredicate.GenerationChanged)
            .WithMaxConcurrentReconciles(workers)
            .WithTimeProvider(time ?? TimeProvider.System)
            .WithShutdownTimeout(context.ShutdownTimeout)
            .Build(informers, reconciler, context.LoggerFactory);
    };

    /// <summary>The RefreshSchedules of the Pipeline's namespace that target one of its steps.</summary>
    public static IEnumerable<ObjectKey> SchedulesTargeting(ObjectCache<Schedule> schedules, PipelineResource pipeline)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(pipeline);
        var ns = pipeline.Metadata.NamespaceProperty;
        return schedules.ListInNamespace(ns)
            .Where(s => s.Spec.Target?.Pipeline?.Name == pipeline.Metadata.Name)
            .Select(s => new ObjectKey(ns, s.Metadata.Name!))
            .ToList();
    }

    /// <summary>The RefreshSchedules of the ModelDeployment's namespace that target it.</summary>
    public static IEnumerable<ObjectKey> SchedulesTargeting(ObjectCache<Schedule> schedules, MD modelDeployment)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(modelDeployment);
        var ns = modelDeployment.Metadata.NamespaceProperty;
        return schedules.ListInNamespace(ns)
            .Where(s => s.Spec.Target?.ModelDeployment == modelDeployment.Metadata.Name)
            .Select(s => new ObjectKey(ns, s.Metadata.Name!))
            .ToList();
    }
}
