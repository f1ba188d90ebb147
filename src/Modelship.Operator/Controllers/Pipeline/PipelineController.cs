using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Hosting;
using Modelship.Operator.Rbac;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Operator.Controllers.Pipeline;

/// <summary>
/// Wires the Pipeline reconciler: the Pipeline itself, the Deployments, Services, ConfigMaps, ServiceAccounts and
/// RoleBindings it controls, its router Pods (mapped back through their annotation), and the ModelDeployments its
/// steps refer to (<see cref="ModelDeploymentReferences"/>). The informers of other kinds are the label-selected ones
/// the ModelDeployment controller uses (<see cref="ChildCaches"/>), shared through the factory.
/// </summary>
[RbacRule(Group = "modelship.dev", Resources = ["pipelines"], Verbs = ["get", "list", "watch"])]
[RbacRule(Group = "modelship.dev", Resources = ["pipelines/status"], Verbs = ["get", "patch"])]
// Children carry blockOwnerDeletion (see ModelDeploymentController).
[RbacRule(Group = "modelship.dev", Resources = ["pipelines/finalizers"], Verbs = ["update"])]
// Steps refer to ModelDeployments: their endpoint, active version and readiness.
[RbacRule(Group = "modelship.dev", Resources = ["modeldeployments"], Verbs = ["get", "list", "watch"])]
// Inline model servers and the router (server-side applied; old inline versions deleted once no router routes to them).
[RbacRule(Group = "apps", Resources = ["deployments"], Verbs = ["get", "list", "watch", "create", "patch", "delete"])]
[RbacRule(Resources = ["services", "configmaps", "serviceaccounts"], Verbs = ["get", "list", "watch", "create", "patch", "delete"])]
[RbacRule(Group = "rbac.authorization.k8s.io", Resources = ["rolebindings"], Verbs = ["get", "list", "watch", "create", "patch", "delete"])]
[RbacRule(Group = "rbac.authorization.k8s.io", Resources = ["clusterroles"], ResourceNames = [RbacRoles.RouterClusterRoleName], Verbs = ["bind"])]
[RbacRule(Resources = ["pods"], Verbs = ["get", "list", "watch"])]
// Inline models may be served by ServingRuntimes (read only).
[RbacRule(Group = "modelship.dev", Resources = ["servingruntimes"], Verbs = ["get", "list", "watch"])]
public static class PipelineController
{
    public const string Name = "pipeline";

    /// <summary>The Pipelines' router Pods: metadata and readiness only, like the ModelDeployments' (<see cref="ChildCaches.RouterPodFacts"/>).</summary>
    public static readonly Kubernetes.Informers.InformerOptions RouterPods = new() { LabelSelector = ChildMetadata.PipelineRouterPodSelector, Transform = ChildCaches.RouterPodFacts };

    public static Func<ControllerContext, Controller> Create(ModelDeploymentBuildOptions options, TimeProvider? time = null, int workers = 2) => context =>
    {
        ArgumentNullException.ThrowIfNull(options);
        var informers = context.Informers;
        var client = context.Client;
        var pipelines = informers.For<PipelineResource>();
        var modelDeployments = informers.For<MD>();
        var routerPods = informers.For<V1Pod>(RouterPods);
        var serviceAccounts = informers.For<V1ServiceAccount>(ChildCaches.Managed);
        var roleBindings = informers.For<V1RoleBinding>(ChildCaches.Managed);
        var servingRuntimes = informers.For<Api.V1Alpha1.ServingRuntime>();
        var resources = new PipelineResources(
            pipelines.Cache,
            modelDeployments.Cache,
            informers.For<V1Deployment>(ChildCaches.Deployments).Cache,
            informers.For<V1Service>(ChildCaches.Managed).Cache,
            informers.For<V1ConfigMap>(ChildCaches.Managed).Cache,
            routerPods.Cache,
            serviceAccounts.Cache,
            roleBindings.Cache,
            client.For<PipelineResource>(),
            client.For<V1Deployment>(),
            client.For<V1Service>(),
            client.For<V1ConfigMap>(),
            client.For<V1ServiceAccount>(),
            client.For<V1RoleBinding>())
        {
            ServingRuntimes = servingRuntimes.Cache,
        };
        var reconciler = new PipelineReconciler(resources, context.Events, options, context.LoggerFactory.CreateLogger<PipelineReconciler>(), time)
        {
            RouterRole = new RouterClusterRoleCheck(client.For<V1ClusterRole>(), options.RouterClusterRole, time ?? TimeProvider.System),
        };
        return ControllerBuilder.For<PipelineResource>()
            .Named(Name)
            .Owns<V1Deployment>(ChildCaches.Deployments)
            .Owns<V1Service>(ChildCaches.Managed)
            .Owns<V1ConfigMap>(ChildCaches.Managed)
            .Watches(serviceAccounts, ControllerOwner, ChangePredicate.Any)
            .Watches(roleBindings, ControllerOwner, ChangePredicate.Any)
            .Watches(servingRuntimes, runtime => pipelines.Cache.ListInNamespace(runtime.Metadata.NamespaceProperty ?? "")
                .Where(p => InlineModelRuntimes.MayUse(p.Spec, runtime.Metadata.Name))
                .Select(p => new ObjectKey(p.Metadata.NamespaceProperty, p.Metadata.Name!)), ChangePredicate.Any)
            .Watches(routerPods, RouterPodOwner, ChangePredicate.Any)
            .Watches(modelDeployments, md => ModelDeploymentReferences.PipelinesReferencing(pipelines.Cache, md), ModelDeploymentReferences.Relevant)
            .WithMaxConcurrentReconciles(workers)
            .WithTimeProvider(time ?? TimeProvider.System)
            .WithShutdownTimeout(context.ShutdownTimeout)
            .Build(informers, reconciler, context.LoggerFactory);
    };

    private static IEnumerable<ObjectKey> ControllerOwner(IKubernetesObject<V1ObjectMeta> owned) => OwnerKeys.ControllerOf(owned, PipelineResource.Resource);

    /// <summary>The Pipeline a router Pod serves, from the annotation its template carries.</summary>
    public static IEnumerable<ObjectKey> RouterPodOwner(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Metadata.Label(ChildMetadata.ComponentLabel) == ChildOwner.PipelineComponentPrefix + ChildMetadata.RouterComponent
            && pod.Metadata.Label(ChildMetadata.ManagedByLabel) == ChildMetadata.ManagedBy
            && pod.Metadata.Annotation(ChildOwner.PipelineAnnotation) is { } name)
        {
            return [new ObjectKey(pod.Metadata.NamespaceProperty, name)];
        }
        return [];
    }
}
