using System.Globalization;
using k8s.Models;
using Modelship.Api.Routing;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// The router Deployment: <c>modelship router</c> in cluster mode, following the routing ConfigMap and reporting the
/// generation it serves on its own Pod (which it finds through the downward API).
/// </summary>
public static class RouterDeploymentBuilder
{
    public const string PortName = "http";

    /// <summary>
    /// Where each router Pod keeps its inference log and join store (spec.monitoring.storage: an emptyDir that lives as
    /// long as the Pod, or the user's PVC), read through its <c>/v2/logs</c>.
    /// </summary>
    public const string InferenceLogPath = "/var/lib/modelship/inference-log";

    private const string InferenceLogVolume = "inference-log";

    public static V1Deployment Build(MD owner, ModelDeploymentBuildOptions options, bool suspended) =>
        AutoscaledReplicas.Release(Build(ChildOwner.Of(owner), options, suspended, RouterMonitoringVolumes.Of(owner?.Spec.Monitoring), new RouterAuthVolumes(owner?.Spec.Auth)), owner?.Spec.Autoscaling, suspended);

    /// <summary>The router Deployment of any owner: a ModelDeployment, or a Pipeline whose table holds its steps.</summary>
    /// <param name="monitoring">The log volume and drift reference; null: the default emptyDir, no reference.</param>
    /// <param name="auth">The token Secrets of spec.auth; null: no authentication.</param>
    public static V1Deployment Build(ChildOwner owner, ModelDeploymentBuildOptions options, bool suspended, RouterMonitoringVolumes? monitoring = null, RouterAuthVolumes? auth = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(options);
        monitoring ??= new RouterMonitoringVolumes(null, null);
        auth ??= new RouterAuthVolumes(null);
        var name = owner.Name;
        var port = options.RouterPort.ToString(CultureInfo.InvariantCulture);
        var podMetadata = new V1ObjectMeta
        {
            Labels = ChildMetadata.Labels(owner, ChildMetadata.RouterComponent),
            Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [owner.PodAnnotation] = name },
        };
        return new V1Deployment
        {
            Metadata = ChildMetadata.For(owner, ChildNames.Router(name), ChildMetadata.RouterComponent),
            Spec = new V1DeploymentSpec
            {
                Replicas = suspended ? 0 : options.RouterReplicas,
                Selector = new V1LabelSelector { MatchLabels = ChildMetadata.Selector(owner, ChildMetadata.RouterComponent) },
                Strategy = new V1DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = podMetadata,
                    Spec = new V1PodSpec
                    {
                        // The router reads its routing ConfigMap and annotates its own Pod (RouterIdentityBuilder).
                        ServiceAccountName = ChildNames.RouterServiceAccount(name),
                        AutomountServiceAccountToken = true,
                        SecurityContext = PodSecurity.Pod(),
                        TerminationGracePeriodSeconds = options.PreStopDrainSeconds + 30,
                        InitContainers = monitoring.InitContainers(options) is { Count: > 0 } init ? [.. init] : null,
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "router",
                                Image = options.Image,
                                Args = ["router", "--routing-configmap", ChildNames.RoutingTable(name), "--address", "0.0.0.0", "--port", port,
                                    "--grpc-port", options.RouterGrpcPort.ToString(CultureInfo.InvariantCulture), "--log-dir", InferenceLogPath, .. auth.Args()],
                                Env =
                                [
                                    new() { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
                                    new() { Name = "POD_NAMESPACE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
                                ],
                                Ports =
                                [
                                    new V1ContainerPort { Name = PortName, ContainerPort = options.RouterPort, Protocol = "TCP" },
                                    new V1ContainerPort { Name = GrpcPorts.PortName, ContainerPort = options.RouterGrpcPort, Protocol = "TCP" },
                                ],
                                ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/v2/health/ready", Port = PortName }, PeriodSeconds = 5 },
                                LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/v2/health/live", Port = PortName }, PeriodSeconds = 10, FailureThreshold = 6 },
                                Lifecycle = PreStopDrain.ForModelshipImage(options.PreStopDrainSeconds),
                                VolumeMounts = [new() { Name = "tmp", MountPath = "/tmp" }, monitoring.InferenceLogMount(InferenceLogVolume, InferenceLogPath), .. monitoring.ReferenceMounts(), .. auth.Mounts()],
                                SecurityContext = PodSecurity.Container(PodSecurity.ModelshipUser),
                            },
                        ],
                        Volumes =
                        [
                            new() { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() },
                            // The router writes only what the routing table asks (monitoring.collectPredictions, actuals); its
                            // rotation (5 files of 64 MiB by default) stays under the default limit, so it never evicts the Pod.
                            monitoring.InferenceLog(InferenceLogVolume),
                            .. monitoring.ReferenceVolumes(),
                            .. auth.Volumes(),
                        ],
                    },
                },
            },
        }.WithTypeMeta();
    }

    /// <summary>The generation a router pod reports serving, or null when it has not reported one yet.</summary>
    public static long? ServedGeneration(V1Pod pod) =>
        pod.Metadata.Annotation(RoutingTableConventions.ServedGenerationAnnotation) is { } text
        && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var generation) ? generation : null;
}
