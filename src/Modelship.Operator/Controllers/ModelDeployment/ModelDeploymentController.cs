using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Operator.Hosting;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// Wires the ModelDeployment reconciler: the ModelDeployment itself, the Deployments, Services and ConfigMaps it
/// controls, and its router Pods (owned by ReplicaSets, so mapped back through their annotation; only router Pods are
/// listed and cached, selected by label on the server).
/// </summary>
public static class ModelDeploymentController
{
    public const string Name = "modeldeployment";

    public static Func<ControllerContext, Controller> Create(
        ModelDeploymentBuildOptions options,
        IModelMetadataSource metadata,
        IRolloutAnalysis? analysis = null,
        TimeProvider? time = null,
        TimeSpan? drainDelay = null,
        int workers = 2) => context =>
    {
        var informers = context.Informers;
        var client = context.Client;
        var routerPods = informers.For<Pod>(new InformerOptions { LabelSelector = ChildMetadata.RouterPodSelector });
        var resources = new ModelDeploymentResources(
            informers.For<MD>().Cache,
            informers.For<Deployment>().Cache,
            informers.For<Service>().Cache,
            informers.For<ConfigMap>().Cache,
            routerPods.Cache,
            client.For<MD>(),
            client.For<Deployment>(),
            client.For<Service>(),
            client.For<ConfigMap>());
        var reconciler = new ModelDeploymentReconciler(
            resources, context.Events, options, metadata, analysis, time ?? TimeProvider.System, context.LoggerFactory.CreateLogger<ModelDeploymentReconciler>())
        {
            DrainDelay = drainDelay ?? TimeSpan.FromSeconds(10),
        };
        return ControllerBuilder.For<MD>()
            .Named(Name)
            .Owns<Deployment>()
            .Owns<Service>()
            .Owns<ConfigMap>()
            .Watches(routerPods, RouterPodOwner, ChangePredicate.Any)
            .WithMaxConcurrentReconciles(workers)
            .WithTimeProvider(time ?? TimeProvider.System)
            .WithShutdownTimeout(context.ShutdownTimeout)
            .Build(informers, reconciler, context.LoggerFactory);
    };

    /// <summary>The ModelDeployment a router Pod serves, from the annotation its template carries.</summary>
    public static IEnumerable<ObjectKey> RouterPodOwner(Pod pod)
    {
        if (pod.Metadata.Labels?.GetValueOrDefault(ChildMetadata.ComponentLabel) == ChildMetadata.RouterComponent
            && pod.Metadata.Labels.GetValueOrDefault(ChildMetadata.ManagedByLabel) == ChildMetadata.ManagedBy
            && pod.Metadata.Annotations?.GetValueOrDefault(ChildMetadata.ModelDeploymentAnnotation) is { } name)
        {
            return [new ObjectKey(pod.Metadata.Namespace, name)];
        }
        return [];
    }
}
