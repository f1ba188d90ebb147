using k8s.Models;
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
    ObjectCache<V1Deployment> Deployments,
    ObjectCache<V1Service> Services,
    ObjectCache<V1ConfigMap> ConfigMaps,
    ObjectCache<V1Pod> RouterPods,
    ObjectCache<V1ServiceAccount> ServiceAccounts,
    ObjectCache<V1RoleBinding> RoleBindings,
    ResourceClient<PipelineResource> PipelineClient,
    ResourceClient<V1Deployment> DeploymentClient,
    ResourceClient<V1Service> ServiceClient,
    ResourceClient<V1ConfigMap> ConfigMapClient,
    ResourceClient<V1ServiceAccount> ServiceAccountClient,
    ResourceClient<V1RoleBinding> RoleBindingClient)
{
    /// <summary>The ServingRuntimes inline models may use (<see cref="InlineModelRuntimes"/>); null: none exist.</summary>
    public ObjectCache<Api.V1Alpha1.ServingRuntime>? ServingRuntimes { get; init; }
}
