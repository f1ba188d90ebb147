using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>The caches the reconciler reads and the clients it writes through.</summary>
public sealed record ModelDeploymentResources(
    ObjectCache<MD> ModelDeployments,
    ObjectCache<Deployment> Deployments,
    ObjectCache<Service> Services,
    ObjectCache<ConfigMap> ConfigMaps,
    ObjectCache<Pod> Pods,
    ObjectCache<ServiceAccount> ServiceAccounts,
    ObjectCache<RoleBinding> RoleBindings,
    ResourceClient<MD> ModelDeploymentClient,
    ResourceClient<Deployment> DeploymentClient,
    ResourceClient<Service> ServiceClient,
    ResourceClient<ConfigMap> ConfigMapClient,
    ResourceClient<ServiceAccount> ServiceAccountClient,
    ResourceClient<RoleBinding> RoleBindingClient);
