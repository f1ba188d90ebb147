using System.ComponentModel;
using k8s;
using k8s.Models;
using Modelship.Api.Schema;
using Modelship.Kubernetes.Models;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// On a cron schedule, finds the newest model version in a registry and makes it the champion of a ModelDeployment,
/// when its registry-reported metrics hold against the champion's.
/// </summary>
[Description("RefreshSchedule keeps a ModelDeployment on the newest good model: on a cron schedule it lists the versions of a model in a registry (a directory, an HTTP index, MLflow or S3), selects one, compares its registry-reported metrics with the champion's, and makes it the target's champion when they hold.")]
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class RefreshSchedule : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = ModelDeployment.Group;
    public const string Version = ModelDeployment.Version;
    public const string KindName = "RefreshSchedule";
    public const string Plural = "refreshschedules";
    public const string Singular = "refreshschedule";
    public const string ShortName = "mrs";
    public const string GroupVersion = Group + "/" + Version;

    /// <summary>Where RefreshSchedules live in the API, for <c>client.For&lt;RefreshSchedule&gt;()</c>.</summary>
    public static ResourceType Resource { get; } = ResourceType.Of<RefreshSchedule>();

    [Description("APIVersion defines the versioned schema of this representation of an object: modelship.dev/v1alpha1.")]
    public string ApiVersion { get; set; } = GroupVersion;

    [Description("Kind is the REST resource this object represents: RefreshSchedule.")]
    public string Kind { get; set; } = KindName;

    [Description("Standard object metadata.")]
    [EmbeddedObjectMeta]
    public V1ObjectMeta Metadata { get; set; } = new();

    [Description("Spec is the desired state: the schedule, the target, where versions come from, how one is selected and what it must pass to be promoted.")]
    public required RefreshScheduleSpec Spec { get; set; }

    [Description("Status is the observed state, written by the operator: conditions, the last and next scheduled times, the last run with every check, and a bounded history of runs.")]
    public RefreshScheduleStatus? Status { get; set; }
}
