using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using PipelineResource = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Operator.Controllers.Pipeline;

/// <summary>The caches the Pipeline reconciler reads and the clients it writes through.</summary>
public sealed record PipelineResources(
    ObjectCache<PipelineResource> Pipelines,
    ObjectCache<MD> ModelDeployments,
    ObjectCache<Deployment> Deployments,
    ObjectCache<Service> Services,
    ObjectCache<ConfigMap> ConfigMaps,
    ObjectCache<Pod> RouterPods,
    ObjectCache<ServiceAccount> ServiceAccounts,
    ObjectCache<RoleBinding> RoleBindings,
    ResourceClient<PipelineResource> PipelineClient,
    ResourceClient<Deployment> DeploymentClient,
    ResourceClient<Service> ServiceClient,
    ResourceClient<ConfigMap> ConfigMapClient,
    ResourceClient<ServiceAccount> ServiceAccountClient,
    ResourceClient<RoleBinding> RoleBindingClient);
