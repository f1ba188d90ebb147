using k8s;
using k8s.Models;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Controllers.ModelDeployment;

/// <summary>
/// What the ModelDeployment controller caches of other kinds: only the objects it manages (label-selected, so the
/// rest of the cluster never reaches the process) and of those only the fields it reads. Its memory grows with the
/// number of ModelDeployments, not with the size of the cluster or of Pod templates.
/// </summary>
public static class ChildCaches
{
    /// <summary>Services, ConfigMaps, ServiceAccounts and RoleBindings the operator made, whole.</summary>
    public static readonly InformerOptions Managed = new() { LabelSelector = ChildMetadata.ManagedSelector };

    /// <summary>Runtime and router Deployments, without their Pod template (<see cref="WithoutPodTemplate"/>).</summary>
    public static readonly InformerOptions Deployments = new() { LabelSelector = ChildMetadata.ManagedSelector, Transform = WithoutPodTemplate };

    /// <summary>Router Pods, metadata and status only (<see cref="RouterPodFacts"/>).</summary>
    public static readonly InformerOptions RouterPods = new() { LabelSelector = ChildMetadata.RouterPodSelector, Transform = RouterPodFacts };

    /// <summary>Runtime Pods of ModelDeployments, metadata and container states only (<see cref="RuntimePodFacts"/>).</summary>
    public static readonly InformerOptions RuntimePods = new() { LabelSelector = ChildMetadata.RuntimePodSelector, Transform = RuntimePodFacts };

    /// <summary>
    /// A Deployment as the controller reads it: metadata (labels, applied-hash annotation, generation, owners),
    /// spec.replicas and status (<see cref="DeploymentAvailability"/>, <see cref="KeptRuntimeReplicas"/>). Whether
    /// the rest of the spec is as desired is judged from the applied hash and metadata.generation
    /// (<see cref="ChildDrift"/>), never from the cached spec.
    /// </summary>
    public static IKubernetesObject<V1ObjectMeta> WithoutPodTemplate(IKubernetesObject<V1ObjectMeta> obj)
    {
        var deployment = (V1Deployment)obj;
        deployment.Spec = deployment.Spec is { } spec ? new V1DeploymentSpec { Replicas = spec.Replicas } : null;
        return deployment;
    }

    /// <summary>
    /// A router Pod as the controller reads it: metadata (the served-generation annotation, labels), readiness and IP
    /// (<see cref="ServedGeneration"/>, the canary analysis' scrape targets); no spec, no container statuses.
    /// </summary>
    public static IKubernetesObject<V1ObjectMeta> RouterPodFacts(IKubernetesObject<V1ObjectMeta> obj)
    {
        var pod = (V1Pod)obj;
        pod.Spec = null;
        pod.Status = pod.Status is { } status
            ? new V1PodStatus { Phase = status.Phase, Conditions = status.Conditions, PodIP = status.PodIP, HostIP = status.HostIP, Reason = status.Reason, Message = status.Message, StartTime = status.StartTime }
            : null;
        return pod;
    }

    /// <summary>
    /// A runtime Pod as the controller reads it: labels, and of each container whether it runs, how often it was
    /// restarted and how it last terminated (the replacement checks' fetch and format failures,
    /// <see cref="Rollout.Checks.ContainerFailure"/>); no spec.
    /// </summary>
    public static IKubernetesObject<V1ObjectMeta> RuntimePodFacts(IKubernetesObject<V1ObjectMeta> obj)
    {
        var pod = (V1Pod)obj;
        pod.Spec = null;
        pod.Metadata.ManagedFields = null;
        pod.Status = pod.Status is { } status
            ? new V1PodStatus { Phase = status.Phase, InitContainerStatuses = ContainerFacts(status.InitContainerStatuses), ContainerStatuses = ContainerFacts(status.ContainerStatuses) }
            : null;
        return pod;
    }

    private static List<V1ContainerStatus>? ContainerFacts(IList<V1ContainerStatus>? statuses) =>
        statuses?.Select(s => new V1ContainerStatus
        {
            Name = s.Name,
            RestartCount = s.RestartCount,
            Ready = s.Ready,
            Image = "",
            ImageID = "",
            State = StateFacts(s.State),
            LastState = StateFacts(s.LastState),
        }).ToList();

    private static V1ContainerState? StateFacts(V1ContainerState? state) => state is null ? null : new V1ContainerState
    {
        Running = state.Running is null ? null : new V1ContainerStateRunning(),
        Terminated = state.Terminated is { } t ? new V1ContainerStateTerminated { ExitCode = t.ExitCode, Reason = t.Reason, Message = t.Message } : null,
    };
}
