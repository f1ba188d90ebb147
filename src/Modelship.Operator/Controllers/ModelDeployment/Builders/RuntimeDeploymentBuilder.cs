using System.Globalization;
using k8s.Models;
using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// The Deployment serving one model version: a <c>modelship fetch</c> init container downloads the model into an
/// emptyDir, the model server (built-in <c>modelship runtime</c> or the spec's image) serves it over V2.
/// </summary>
public static class RuntimeDeploymentBuilder
{
    public const string ModelVolume = "model";
    public const string TmpVolume = "tmp";
    public const string ModelPath = "/models";
    public const string PvcRoot = "/mnt/pvc";
    public const string PortName = "http";
    public const string FetchContainerName = "fetch";
    public const string ServerContainerName = "server";

    /// <summary>
    /// The log's tail becomes the termination message of a container that fails without writing one, so the error
    /// <c>modelship fetch</c> or a runtime prints reaches the Pod's status, where the replacement checks read it.
    /// </summary>
    public const string TerminationMessagePolicy = "FallbackToLogsOnError";

    /// <summary>On the pods of a version a ServingRuntime serves: its name, for people and tools.</summary>
    public const string ServingRuntimeAnnotation = "modelship.dev/serving-runtime";

    /// <param name="servingRuntime">The ServingRuntime serving this version (<see cref="VersionRuntimes"/>); null: the built-in runtime or spec.runtime.image.</param>
    public static V1Deployment Build(MD owner, ModelBackend backend, ModelDeploymentBuildOptions options, bool suspended, ServingRuntime? servingRuntime = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(backend);
        var spec = owner.Spec;
        var version = backend.Model.Version;
        var workload = new RuntimeWorkload
        {
            Metadata = ChildMetadata.For(owner, ChildNames.Runtime(owner.Metadata.Name!, version), ChildMetadata.RuntimeComponent, version),
            Selector = ChildMetadata.Selector(owner, ChildMetadata.RuntimeComponent, version),
            PodLabels = ChildMetadata.Labels(owner, ChildMetadata.RuntimeComponent, version),
            Model = backend.Model,
            Runtime = spec.Runtime,
            ModelName = EffectiveSettings.RuntimeModelName(spec, owner.Metadata.Name!),
            Replicas = suspended ? 0 : EffectiveSettings.Replicas(spec),
            Resources = spec.Resources,
            NodeSelector = spec.NodeSelector,
            Tolerations = spec.Tolerations,
        };
        return AutoscaledReplicas.Release(Build(servingRuntime is null ? workload : ServingRuntimeWorkload.Apply(workload, servingRuntime), options), spec.Autoscaling, suspended);
    }

    /// <summary>The Deployment of <paramref name="workload"/>: fetch init container, then the model server.</summary>
    public static V1Deployment Build(RuntimeWorkload workload, ModelDeploymentBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(options);
        var pvcClaim = PvcClaimOf(workload.Model.Uri);

        List<V1Volume> volumes =
        [
            new() { Name = ModelVolume, EmptyDir = new V1EmptyDirVolumeSource() },
            new() { Name = TmpVolume, EmptyDir = new V1EmptyDirVolumeSource() },
        ];
        List<V1VolumeMount> fetchMounts = [new() { Name = ModelVolume, MountPath = ModelPath }, new() { Name = TmpVolume, MountPath = "/tmp" }];
        if (pvcClaim is not null)
        {
            volumes.Add(new V1Volume { Name = "source", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = pvcClaim, ReadOnlyProperty = true } });
            fetchMounts.Add(new V1VolumeMount { Name = "source", MountPath = $"{PvcRoot}/{pvcClaim}", ReadOnlyProperty = true });
        }

        return new V1Deployment
        {
            Metadata = workload.Metadata,
            Spec = new V1DeploymentSpec
            {
                Replicas = workload.Replicas,
                Selector = new V1LabelSelector { MatchLabels = workload.Selector },
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    // Never fewer ready servers than declared while pods are replaced.
                    RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = workload.PodLabels,
                        Annotations = workload.ServingRuntimeName is { } runtimeName ? new Dictionary<string, string> { [ServingRuntimeAnnotation] = runtimeName } : null,
                    },
                    Spec = new V1PodSpec
                    {
                        SecurityContext = PodSecurity.Pod(),
                        AutomountServiceAccountToken = false,
                        TerminationGracePeriodSeconds = options.PreStopDrainSeconds + 30,
                        InitContainers = [FetchContainer(workload.Model, options, fetchMounts)],
                        Containers = [ServerContainer(workload, options)],
                        Volumes = volumes,
                        NodeSelector = workload.NodeSelector is { Count: > 0 } selector ? new Dictionary<string, string>(selector, StringComparer.Ordinal) : null,
                        Tolerations = workload.Tolerations is { Count: > 0 } tolerations ? tolerations.Select(TolerationOf).ToList() : null,
                    },
                },
            },
        }.WithTypeMeta();
    }

    /// <summary>The claim of a <c>pvc://claim/path</c> URI, mounted read-only where <c>modelship fetch</c> looks.</summary>
    public static string? PvcClaimOf(string uri) =>
        uri.StartsWith("pvc://", StringComparison.Ordinal) ? uri["pvc://".Length..].Split('/', 2)[0] : null;

    private static V1Container FetchContainer(ModelSpec model, ModelDeploymentBuildOptions options, List<V1VolumeMount> mounts)
    {
        List<string> args = ["fetch", "--uri", model.Uri, "--dest", ModelPath, "--pvc-root", PvcRoot];
        if (!string.IsNullOrEmpty(model.Sha256))
        {
            args.AddRange(["--sha256", model.Sha256]);
        }
        return new V1Container
        {
            Name = FetchContainerName,
            Image = options.Image,
            Args = args,
            TerminationMessagePolicy = TerminationMessagePolicy,
            VolumeMounts = mounts,
            SecurityContext = PodSecurity.Container(PodSecurity.ModelshipUser),
        };
    }

    private static V1Container ServerContainer(RuntimeWorkload workload, ModelDeploymentBuildOptions options)
    {
        var model = workload.Model;
        var modelName = workload.ModelName;
        var port = workload.Port;
        var runtime = workload.Runtime;
        var builtIn = workload.UsesBuiltInRuntime;
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var grpcPort = GrpcPorts.ForRuntime(runtime, port);
        List<V1ContainerPort> ports = [new V1ContainerPort { Name = PortName, ContainerPort = port, Protocol = "TCP" }];
        if (grpcPort is { } grpc)
        {
            ports.Add(new V1ContainerPort { Name = GrpcPorts.PortName, ContainerPort = grpc, Protocol = "TCP" });
        }
        List<V1EnvVar> env =
        [
            new() { Name = "MODELSHIP_MODEL_DIR", Value = ModelPath },
            new() { Name = "MODELSHIP_MODEL_NAME", Value = modelName },
            new() { Name = "MODELSHIP_MODEL_VERSION", Value = model.Version },
        ];
        env.AddRange((runtime?.Env ?? []).Select(e => new V1EnvVar { Name = e.Name, Value = e.Value }));
        return new V1Container
        {
            Name = ServerContainerName,
            Image = builtIn ? options.Image : runtime!.Image,
            Command = builtIn ? null : workload.Command?.ToList(),
            Args = builtIn
                ? ["runtime", "--model", ModelPath, "--name", modelName, "--version", model.Version, "--address", "0.0.0.0", "--port", portText,
                   "--grpc-port", grpcPort!.Value.ToString(CultureInfo.InvariantCulture)]
                : runtime?.Args?.ToList(),
            Env = env,
            TerminationMessagePolicy = TerminationMessagePolicy,
            Ports = ports,
            ReadinessProbe = new V1Probe
            {
                HttpGet = new V1HTTPGetAction { Path = $"/v2/models/{modelName}/ready", Port = PortName },
                PeriodSeconds = 5,
                FailureThreshold = 3,
            },
            LivenessProbe = new V1Probe
            {
                HttpGet = new V1HTTPGetAction { Path = "/v2/health/live", Port = PortName },
                PeriodSeconds = 10,
                FailureThreshold = 6,
            },
            // Endpoint removal races the SIGTERM; keep serving until the Service stops sending requests here.
            Lifecycle = builtIn ? PreStopDrain.ForModelshipImage(options.PreStopDrainSeconds) : PreStopDrain.ForOtherImage(options.PreStopDrainSeconds),
            Resources = workload.Resources is { } resources
                ? new V1ResourceRequirements
                {
                    Requests = Quantities(resources.Requests),
                    Limits = Quantities(resources.Limits),
                }
                : null,
            VolumeMounts = [new() { Name = ModelVolume, MountPath = ModelPath, ReadOnlyProperty = true }, new() { Name = TmpVolume, MountPath = "/tmp" }],
            SecurityContext = PodSecurity.Container(builtIn ? PodSecurity.ModelshipUser : null),
        };
    }

    /// <summary>The CRD's schema admits only valid quantities, so parsing here does not fail on what the API server stored.</summary>
    private static Dictionary<string, ResourceQuantity>? Quantities(IReadOnlyDictionary<string, string>? quantities) =>
        quantities?.ToDictionary(q => q.Key, q => new ResourceQuantity(q.Value), StringComparer.Ordinal);

    private static V1Toleration TolerationOf(Api.V1Alpha1.Toleration toleration) => new()
    {
        Key = toleration.Key,
        OperatorProperty = toleration.Operator?.ToString(),
        Value = toleration.Value,
        Effect = toleration.Effect?.ToString(),
        TolerationSeconds = toleration.TolerationSeconds,
    };
}
