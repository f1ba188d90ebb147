using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Operator.Hosting;
using Modelship.Operator.Rbac;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// Wires the ModelDeployment reconciler: the ModelDeployment itself, the Deployments, Services, ConfigMaps,
/// ServiceAccounts and RoleBindings it controls, and its router Pods (owned by ReplicaSets, so mapped back through their annotation; only router Pods are
/// listed and cached, selected by label on the server).
/// </summary>
// patch: to remove the modelship.dev/abort and modelship.dev/promote annotations once handled.
[RbacRule(Group = "modelship.dev", Resources = ["modeldeployments"], Verbs = ["get", "list", "watch", "patch"])]
[RbacRule(Group = "modelship.dev", Resources = ["modeldeployments/status"], Verbs = ["get", "patch"])]
// Children carry blockOwnerDeletion, which the OwnerReferencesPermissionEnforcement admission plugin (where enabled)
// allows only to those who may update the owner's finalizers.
[RbacRule(Group = "modelship.dev", Resources = ["modeldeployments/finalizers"], Verbs = ["update"])]
// Runtime and router Deployments (server-side applied; old versions deleted after a replacement, scaled on suspend).
[RbacRule(Group = "apps", Resources = ["deployments"], Verbs = ["get", "list", "watch", "create", "patch", "delete"])]
// Runtime and endpoint Services, the routing-table ConfigMap, the router's ServiceAccount.
[RbacRule(Resources = ["services", "configmaps", "serviceaccounts"], Verbs = ["get", "list", "watch", "create", "patch", "delete"])]
[RbacRule(Group = "rbac.authorization.k8s.io", Resources = ["rolebindings"], Verbs = ["get", "list", "watch", "create", "patch", "delete"])]
// A RoleBinding may grant only what its author holds, or a role it may `bind`: this one ClusterRole, by name.
[RbacRule(Group = "rbac.authorization.k8s.io", Resources = ["clusterroles"], ResourceNames = [RbacRoles.RouterClusterRoleName], Verbs = ["bind"])]
// ... and reads it, to report on each ModelDeployment when it is missing (RouterClusterRoleCheck).
// The Secrets spec.auth names, by name, to report a missing one (AuthSecretCheck); never listed or watched.
[RbacRule(Resources = ["secrets"], Verbs = ["get"])]
[RbacRule(Role = RbacRoles.OperatorCluster, Group = "rbac.authorization.k8s.io", Resources = ["clusterroles"], ResourceNames = [RbacRoles.RouterClusterRoleName], Verbs = ["get"])]
// ServingRuntimes are templates of runtime Deployments: read, never written.
[RbacRule(Group = "modelship.dev", Resources = ["servingruntimes"], Verbs = ["get", "list", "watch"])]
// Router pods report the routing generation they serve in an annotation; runtime pods' container states say why a new
// version fails to fetch or load its model.
[RbacRule(Resources = ["pods"], Verbs = ["get", "list", "watch"])]
// spec.autoscaling: a HorizontalPodAutoscaler per serving Deployment (autoscaling/v2beta2).
[RbacRule(Group = "autoscaling", Resources = ["horizontalpodautoscalers"], Verbs = ["get", "list", "watch", "create", "patch", "delete"])]
public static class ModelDeploymentController
{
    public const string Name = "modeldeployment";

    public static Func<ControllerContext, Controller> Create(
        ModelDeploymentBuildOptions options,
        IModelMetadataSource metadata,
        IRolloutAnalysis? analysis = null,
        TimeProvider? time = null,
        TimeSpan? drainDelay = null,
        int workers = 2,
        Monitoring.RouterMonitoringReader? monitoringReports = null,
        IModelInferenceSource? inference = null) => context =>
    {
        var informers = context.Informers;
        var client = context.Client;
        var routerPods = informers.For<V1Pod>(ChildCaches.RouterPods);
        var runtimePods = informers.For<V1Pod>(ChildCaches.RuntimePods);
        var autoscalers = informers.For<V2HorizontalPodAutoscaler>(HorizontalPodAutoscalerBuilder.Resource, ChildCaches.Managed);
        var serviceAccounts = informers.For<V1ServiceAccount>(ChildCaches.Managed);
        var roleBindings = informers.For<V1RoleBinding>(ChildCaches.Managed);
        var servingRuntimes = informers.For<Api.V1Alpha1.ServingRuntime>();
        var resources = new ModelDeploymentResources(
            informers.For<MD>().Cache,
            informers.For<V1Deployment>(ChildCaches.Deployments).Cache,
            informers.For<V1Service>(ChildCaches.Managed).Cache,
            informers.For<V1ConfigMap>(ChildCaches.Managed).Cache,
            routerPods.Cache,
            serviceAccounts.Cache,
            roleBindings.Cache,
            client.For<MD>(),
            client.For<V1Deployment>(),
            client.For<V1Service>(),
            client.For<V1ConfigMap>(),
            client.For<V1ServiceAccount>(),
            client.For<V1RoleBinding>())
        {
            ServingRuntimes = servingRuntimes.Cache,
        };
        var rollouts = new RolloutCounts();
        var reconciler = new ModelDeploymentReconciler(
            resources, context.Events, options, metadata, analysis, time ?? TimeProvider.System, context.LoggerFactory.CreateLogger<ModelDeploymentReconciler>())
        {
            DrainDelay = drainDelay ?? TimeSpan.FromSeconds(10),
            RouterRole = new RouterClusterRoleCheck(client.For<V1ClusterRole>(), options.RouterClusterRole, time ?? TimeProvider.System),
            AuthSecrets = new AuthSecretCheck(client.For<V1Secret>(), time ?? TimeProvider.System),
            Rollouts = rollouts,
            Metrics = new ModelDeploymentMetrics(resources.ModelDeployments, rollouts),
            MonitoringStatus = monitoringReports is null ? null : new Monitoring.MonitoringStatusReader(monitoringReports),
            Notifications = context.Notifications,
            RuntimePods = runtimePods.Cache,
            Inference = inference,
            Autoscalers = new ChildStore<V2HorizontalPodAutoscaler>(autoscalers.Cache, client.For<V2HorizontalPodAutoscaler>(HorizontalPodAutoscalerBuilder.Resource)),
        };
        return ControllerBuilder.For<MD>()
            .Named(Name)
            .Owns<V1Deployment>(ChildCaches.Deployments)
            .Owns<V1Service>(ChildCaches.Managed)
            .Owns<V1ConfigMap>(ChildCaches.Managed)
            .Watches(serviceAccounts, ControllerOwner, ChangePredicate.Any)
            .Watches(roleBindings, ControllerOwner, ChangePredicate.Any)
            .Watches(autoscalers, ControllerOwner, ChangePredicate.Any)
            .Watches(routerPods, RouterPodOwner, ChangePredicate.Any)
            .Watches(servingRuntimes, runtime => UsersOf(resources.ModelDeployments, runtime), ChangePredicate.Any)
            .Watches(runtimePods, pod => RuntimePodOwner(pod, resources.ModelDeployments.ListInNamespace(pod.Metadata.NamespaceProperty)), ChangePredicate.Any)
            .WithMaxConcurrentReconciles(workers)
            .WithTimeProvider(time ?? TimeProvider.System)
            .WithShutdownTimeout(context.ShutdownTimeout)
            .Build(informers, reconciler, context.LoggerFactory);
    };

    /// <summary>The ModelDeployments of a ServingRuntime's namespace whose runtime Deployments it may shape (<see cref="VersionRuntimes.MayUse"/>).</summary>
    public static IEnumerable<ObjectKey> UsersOf(Kubernetes.Informers.ObjectCache<MD> deployments, Api.V1Alpha1.ServingRuntime runtime) =>
        deployments.ListInNamespace(runtime.Metadata.NamespaceProperty ?? "")
            .Where(d => VersionRuntimes.MayUse(d.Spec, runtime.Metadata.Name))
            .Select(d => new ObjectKey(d.Metadata.NamespaceProperty, d.Metadata.Name!));

    /// <summary>What <c>Owns</c> enqueues, for informers that are label-selected.</summary>
    private static IEnumerable<ObjectKey> ControllerOwner(IKubernetesObject<V1ObjectMeta> owned) => OwnerKeys.ControllerOf(owned, MD.Resource);

    /// <summary>
    /// The ModelDeployment whose runtime a Pod is: the one in its namespace whose instance label it carries (runtime
    /// Pods are owned by ReplicaSets and carry no annotation naming it).
    /// </summary>
    public static IEnumerable<ObjectKey> RuntimePodOwner(V1Pod pod, IEnumerable<MD> deployments)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Metadata.Label(ChildMetadata.ComponentLabel) != ChildMetadata.RuntimeComponent || pod.Metadata.Label(ChildMetadata.InstanceLabel) is not { } instance)
        {
            return [];
        }
        return deployments.Where(d => d.Metadata.NamespaceProperty == pod.Metadata.NamespaceProperty && ChildNames.InstanceLabel(d.Metadata.Name!) == instance)
            .Select(ObjectKey.From).ToList();
    }

    /// <summary>The ModelDeployment a router Pod serves, from the annotation its template carries.</summary>
    public static IEnumerable<ObjectKey> RouterPodOwner(V1Pod pod)
    {
        if (pod.Metadata.Label(ChildMetadata.ComponentLabel) == ChildMetadata.RouterComponent
            && pod.Metadata.Label(ChildMetadata.ManagedByLabel) == ChildMetadata.ManagedBy
            && pod.Metadata.Annotation(ChildMetadata.ModelDeploymentAnnotation) is { } name)
        {
            return [new ObjectKey(pod.Metadata.NamespaceProperty, name)];
        }
        return [];
    }
}
