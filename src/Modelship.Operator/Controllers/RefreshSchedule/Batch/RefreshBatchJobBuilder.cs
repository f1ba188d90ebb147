using System.Globalization;
using k8s.Models;
using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.Operator.Controllers.RefreshSchedule.Batch;

/// <summary>
/// The Job of one batch run (pure): `modelship batch` against the target ModelDeployment's stable endpoint Service,
/// so routing, shadows, logging and metrics apply to batch rows as to any request. Its summary goes to the
/// termination message, where <see cref="RefreshBatchStatus"/> reads rows, failures and duration from the Pod's
/// status without reading logs. Named from the schedule and the scheduled time, so a second reconcile of the same run
/// finds the Job instead of making another.
/// </summary>
public static class RefreshBatchJobBuilder
{
    public const string Component = "batch";
    public const string ScheduleLabel = "modelship.dev/refresh-schedule";
    public const string ScheduledTimeAnnotation = "modelship.dev/scheduled-time";
    public const string TerminationMessagePath = "/dev/termination-log";
    public const string ContainerName = "batch";
    public const string PvcRoot = "/mnt/pvc";
    private const string TmpVolume = "tmp";

    /// <summary>{schedule}-batch-{minutes since the Unix epoch}, like a CronJob's Jobs.</summary>
    public static string JobName(string scheduleName, DateTimeOffset scheduledTime) =>
        ChildNames.Bounded($"{scheduleName}-batch-{scheduledTime.ToUnixTimeSeconds() / 60}");

    /// <summary>The output URI with <see cref="RefreshBatchDefaults.ScheduledTimePlaceholder"/> replaced.</summary>
    public static string OutputUri(RefreshBatch batch, DateTimeOffset scheduledTime)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Output.Uri.Replace(RefreshBatchDefaults.ScheduledTimePlaceholder,
            scheduledTime.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    public static V1Job Build(Schedule schedule, MD target, DateTimeOffset scheduledTime, ModelDeploymentBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        var batch = schedule.Spec.Batch ?? throw new ArgumentException("the RefreshSchedule has no spec.batch", nameof(schedule));
        var name = schedule.Metadata.Name!;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ChildMetadata.NameLabel] = ChildMetadata.AppName,
            [ChildMetadata.InstanceLabel] = ChildNames.InstanceLabel(name),
            [ChildMetadata.ComponentLabel] = Component,
            [ChildMetadata.ManagedByLabel] = ChildMetadata.ManagedBy,
            [ScheduleLabel] = ChildNames.InstanceLabel(name),
        };
        var claims = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        var input = LocalUri(batch.Input.Uri, readOnly: true, claims);
        var output = LocalUri(OutputUri(batch, scheduledTime), readOnly: false, claims);

        List<V1Volume> volumes = [new() { Name = TmpVolume, EmptyDir = new V1EmptyDirVolumeSource() }];
        List<V1VolumeMount> mounts = [new() { Name = TmpVolume, MountPath = "/tmp" }];
        foreach (var (claim, readOnly) in claims)
        {
            var volume = ChildNames.Bounded($"pvc-{claim}");
            volumes.Add(new V1Volume { Name = volume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim, ReadOnlyProperty = readOnly } });
            mounts.Add(new V1VolumeMount { Name = volume, MountPath = $"{PvcRoot}/{claim}", ReadOnlyProperty = readOnly });
        }

        return new V1Job
        {
            Metadata = new V1ObjectMeta
            {
                Name = JobName(name, scheduledTime),
                NamespaceProperty = schedule.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [ScheduledTimeAnnotation] = scheduledTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = Schedule.GroupVersion,
                        Kind = Schedule.KindName,
                        Name = name,
                        Uid = schedule.Metadata.Uid ?? throw new ArgumentException("the RefreshSchedule has no uid; read it from the API server first", nameof(schedule)),
                        Controller = true,
                        BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = new V1JobSpec
            {
                BackoffLimit = batch.BackoffLimit ?? RefreshBatchDefaults.BackoffLimit,
                TtlSecondsAfterFinished = batch.TtlSecondsAfterFinished ?? RefreshBatchDefaults.TtlSecondsAfterFinished,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal) },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        SecurityContext = PodSecurity.Pod(),
                        AutomountServiceAccountToken = false,
                        Containers =
                        [
                            new V1Container
                            {
                                Name = ContainerName,
                                Image = options.Image,
                                Args = Arguments(batch, target, input, output, options),
                                Env = CredentialsEnv(batch.S3?.CredentialsSecretRef),
                                TerminationMessagePath = TerminationMessagePath,
                                TerminationMessagePolicy = "File",
                                VolumeMounts = mounts,
                                SecurityContext = PodSecurity.Container(PodSecurity.ModelshipUser),
                            },
                        ],
                        Volumes = volumes,
                    },
                },
            },
        }.WithTypeMeta();
    }

    private static List<string> Arguments(RefreshBatch batch, MD target, string input, string output, ModelDeploymentBuildOptions options)
    {
        List<string> args =
        [
            "batch",
            "--input", input,
            "--output", output,
            "--endpoint", EndpointServiceBuilder.Url(target.Metadata.Name!, target.Metadata.NamespaceProperty, options),
            "--model", EffectiveSettings.RuntimeModelName(target.Spec, target.Metadata.Name!),
            "--batch-size", (batch.BatchSize ?? RefreshBatchDefaults.BatchSize).ToString(CultureInfo.InvariantCulture),
            "--concurrency", (batch.Concurrency ?? RefreshBatchDefaults.Concurrency).ToString(CultureInfo.InvariantCulture),
            "--max-failure-ratio", (batch.MaxFailureRatio ?? RefreshBatchDefaults.MaxFailureRatio).ToString("R", CultureInfo.InvariantCulture),
            "--summary-file", TerminationMessagePath,
        ];
        if (batch.Input.Format is { } inputFormat)
        {
            args.AddRange(["--input-format", FormatArgument(inputFormat)]);
        }
        if (batch.Output.Format is { } outputFormat)
        {
            args.AddRange(["--output-format", FormatArgument(outputFormat)]);
        }
        if (batch.Output.IncludeInputs == true)
        {
            args.Add("--include-inputs");
        }
        if (batch.Columns is { Count: > 0 } columns)
        {
            args.AddRange(["--columns", string.Join(',', columns)]);
        }
        if (batch.InputName is { } inputName)
        {
            args.AddRange(["--input-name", inputName]);
        }
        foreach (var (key, value) in (batch.Parameters ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            args.AddRange(["--parameters", $"{key}={value}"]);
        }
        if (batch.S3?.Endpoint is { } endpoint)
        {
            args.AddRange(["--s3-endpoint", endpoint]);
        }
        if (batch.S3?.Region is { } region)
        {
            args.AddRange(["--s3-region", region]);
        }
        return args;
    }

    private static string FormatArgument(RefreshBatchFormat format) => format == RefreshBatchFormat.JsonLines ? "jsonl" : "csv";

    /// <summary>A pvc://claim/path as the path where the claim is mounted (recorded in <paramref name="claims"/>); other URIs as they are.</summary>
    private static string LocalUri(string uri, bool readOnly, SortedDictionary<string, bool> claims)
    {
        if (RuntimeDeploymentBuilder.PvcClaimOf(uri) is not { } claim)
        {
            return uri;
        }
        claims[claim] = readOnly && (!claims.TryGetValue(claim, out var earlier) || earlier);
        return $"{PvcRoot}/{claim}/{uri["pvc://".Length..].Split('/', 2)[1]}";
    }

    private static List<V1EnvVar>? CredentialsEnv(S3CredentialsSecretReference? secret) => secret is null
        ? null
        :
        [
            new() { Name = "AWS_ACCESS_KEY_ID", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret.Name, Key = secret.AccessKeyIdKey ?? RefreshScheduleDefaults.AccessKeyIdKey } } },
            new() { Name = "AWS_SECRET_ACCESS_KEY", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret.Name, Key = secret.SecretAccessKeyKey ?? RefreshScheduleDefaults.SecretAccessKeyKey } } },
        ];
}
