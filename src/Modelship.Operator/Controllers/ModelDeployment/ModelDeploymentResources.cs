using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>The caches the reconciler reads and the clients it writes through.</summary>
public sealed record ModelDeploymentResources(
    ObjectCache<MD> ModelDeployments,
    ObjectCache<V1Deployment> Deployments,
    ObjectCache<V1Service> Services,
    ObjectCache<V1ConfigMap> ConfigMaps,
    ObjectCache<V1Pod> Pods,
    ObjectCache<V1ServiceAccount> ServiceAccounts,
    ObjectCache<V1RoleBinding> RoleBindings,
    ResourceClient<MD> ModelDeploymentClient,
    ResourceClient<V1Deployment> DeploymentClient,
    ResourceClient<V1Service> ServiceClient,
    ResourceClient<V1ConfigMap> ConfigMapClient,
    ResourceClient<V1ServiceAccount> ServiceAccountClient,
    ResourceClient<V1RoleBinding> RoleBindingClient)
{
    /// <summary>The ServingRuntimes versions may use (<see cref="VersionRuntimes"/>); null: none exist.</summary>
    public ObjectCache<Api.V1Alpha1.ServingRuntime>? ServingRuntimes { get; init; }
}
