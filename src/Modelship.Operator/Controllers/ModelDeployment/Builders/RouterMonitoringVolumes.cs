using k8s.Models;
using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Builders;

/// <summary>
/// What a router Pod mounts for monitoring: the volume of its inference log and join store (an emptyDir with a size
/// limit, or the user's PVC) and the drift reference profile (a ConfigMap key mounted read-only, or a file fetched by a
/// <c>modelship fetch</c> init container). Mounts only: the router reads nothing new through the API.
/// </summary>
/// <param name="Storage">spec.monitoring.storage; null: the default emptyDir.</param>
/// <param name="Reference">spec.monitoring.drift.reference; null: no drift monitoring.</param>
public sealed record RouterMonitoringVolumes(MonitoringStorage? Storage, DriftReference? Reference)
{
    /// <summary>Where a ConfigMap reference is mounted in the router container.</summary>
    public const string ConfigMapReferenceDirectory = "/etc/modelship/drift-reference";

    /// <summary>Where a fetched reference is written by the init container and read by the router.</summary>
    public const string FetchedReferenceDirectory = "/var/lib/modelship/drift-reference";

    private const string ReferenceVolume = "drift-reference";
    private const string ReferenceSourceVolume = "drift-reference-source";
    private const string PvcRoot = "/mnt/pvc";

    public static RouterMonitoringVolumes Of(MonitoringSpec? monitoring) => new(monitoring?.Storage, monitoring?.Drift?.Reference);

    /// <summary>Where the router Pod sees the reference profile, as the routing table's drift referencePath.</summary>
    public static string ReferencePath(DriftReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.ConfigMap is { } configMap)
        {
            return $"{ConfigMapReferenceDirectory}/{EffectiveMonitoring.ReferenceKey(configMap)}";
        }
        // modelship fetch keeps the file's own name.
        var uri = reference.Uri ?? throw new ArgumentException("a drift reference names a configMap or a uri", nameof(reference));
        var path = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? Uri.UnescapeDataString(parsed.AbsolutePath) : uri;
        return $"{FetchedReferenceDirectory}/{Path.GetFileName(path)}";
    }

    /// <summary>The inference log volume: the user's claim, or an emptyDir with the size limit.</summary>
    public V1Volume InferenceLog(string volumeName) => Storage?.PersistentVolumeClaim is { } claim
        ? new V1Volume { Name = volumeName, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } }
        : new V1Volume { Name = volumeName, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = Storage?.SizeLimit ?? ModelDeploymentDefaults.InferenceLogSizeLimit } };

    /// <summary>
    /// The router container's mount of the log volume. On a claim each Pod gets its own directory (named after the
    /// Pod, from the POD_NAME variable the router container has), so router replicas never write the same files.
    /// </summary>
    public V1VolumeMount InferenceLogMount(string volumeName, string mountPath) => Storage?.PersistentVolumeClaim is not null
        ? new V1VolumeMount { Name = volumeName, MountPath = mountPath, SubPathExpr = "$(POD_NAME)" }
        : new V1VolumeMount { Name = volumeName, MountPath = mountPath };

    /// <summary>Volumes for the reference, none without one.</summary>
    public IReadOnlyList<V1Volume> ReferenceVolumes()
    {
        if (Reference?.ConfigMap is { } configMap)
        {
            var key = EffectiveMonitoring.ReferenceKey(configMap);
            return [new V1Volume { Name = ReferenceVolume, ConfigMap = new V1ConfigMapVolumeSource { Name = configMap.Name, Items = [new V1KeyToPath { Key = key, Path = key }] } }];
        }
        if (Reference?.Uri is not { } uri)
        {
            return [];
        }
        List<V1Volume> volumes = [new() { Name = ReferenceVolume, EmptyDir = new V1EmptyDirVolumeSource() }];
        if (RuntimeDeploymentBuilder.PvcClaimOf(uri) is { } claim)
        {
            volumes.Add(new V1Volume { Name = ReferenceSourceVolume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim, ReadOnlyProperty = true } });
        }
        return volumes;
    }

    /// <summary>The router container's mount of the reference, read-only.</summary>
    public IReadOnlyList<V1VolumeMount> ReferenceMounts() => Reference switch
    {
        { ConfigMap: not null } => [new V1VolumeMount { Name = ReferenceVolume, MountPath = ConfigMapReferenceDirectory, ReadOnlyProperty = true }],
        { Uri: not null } => [new V1VolumeMount { Name = ReferenceVolume, MountPath = FetchedReferenceDirectory, ReadOnlyProperty = true }],
        _ => [],
    };

    /// <summary>The init container that fetches a <c>uri</c> reference like a model, or none.</summary>
    public IReadOnlyList<V1Container> InitContainers(ModelDeploymentBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Reference?.Uri is not { } uri)
        {
            return [];
        }
        List<V1VolumeMount> mounts = [new() { Name = ReferenceVolume, MountPath = FetchedReferenceDirectory }, new() { Name = "tmp", MountPath = "/tmp" }];
        if (RuntimeDeploymentBuilder.PvcClaimOf(uri) is { } claim)
        {
            mounts.Add(new V1VolumeMount { Name = ReferenceSourceVolume, MountPath = $"{PvcRoot}/{claim}", ReadOnlyProperty = true });
        }
        return
        [
            new V1Container
            {
                Name = "fetch-drift-reference",
                Image = options.Image,
                Args = ["fetch", "--uri", uri, "--dest", FetchedReferenceDirectory, "--pvc-root", PvcRoot],
                VolumeMounts = mounts,
                SecurityContext = PodSecurity.Container(PodSecurity.ModelshipUser),
            },
        ];
    }
}
