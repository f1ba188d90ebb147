using System.Text.Json;
using k8s.Models;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Notifications;

/// <summary>
/// Pure: the Job a notification creates from its template: generateName <c>&lt;modeldeployment&gt;-&lt;event&gt;-</c>,
/// an owner reference to the ModelDeployment (deleted with it), labels naming the ModelDeployment (by uid), the event
/// and the notification, and the event as environment variables of every container.
/// </summary>
public static class NotificationJobBuilder
{
    public const string OwnerUidLabel = "modelship.dev/model-deployment-uid";
    public const string EventLabel = "modelship.dev/notification-event";
    public const string NotificationLabel = "modelship.dev/notification";
    public const string Component = "notification";

    // Job names end up in the job-name label of their Pods (at most 63 characters); the API server adds 5.
    private const int MaxGenerateName = 58;

    /// <summary>The label selector of the Jobs of one ModelDeployment and event.</summary>
    public static string Selector(string ownerUid, string eventName) => $"{OwnerUidLabel}={ownerUid},{EventLabel}={eventName}";

    public static V1Job Build(NotificationWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var template = work.Notification.Job?.Template ?? throw new ArgumentException("the notification has no job", nameof(work));
        var job = JsonSerializer.Deserialize(template.GetRawText(), KubernetesJsonContext.Default.V1Job) ?? new V1Job();
        var owner = work.Owner;
        var eventName = work.Trigger.Event.ToString();
        var labels = new Dictionary<string, string>(job.Metadata?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [ChildMetadata.ManagedByLabel] = ChildMetadata.ManagedBy,
            [ChildMetadata.ComponentLabel] = Component,
            [OwnerUidLabel] = owner.Metadata.Uid!,
            [EventLabel] = eventName,
            [NotificationLabel] = work.Notification.Name,
        };
        job.Metadata = new V1ObjectMeta
        {
            GenerateName = GenerateName(owner.Metadata.Name!, eventName),
            NamespaceProperty = owner.Metadata.NamespaceProperty,
            Labels = labels,
            Annotations = job.Metadata?.Annotations,
            OwnerReferences = [ChildMetadata.V1OwnerReference(owner)],
        };
        job.ApiVersion = "batch/v1";
        job.Kind = "Job";
        job.Status = null;
        foreach (var container in job.Spec?.Template?.Spec?.Containers ?? [])
        {
            container.Env = [.. (container.Env ?? []).Where(e => !e.Name.StartsWith("MODELSHIP_", StringComparison.Ordinal)), .. Environment(work)];
        }
        return job;
    }

    /// <summary>Whether a Job has not finished (no Complete or Failed condition that is True).</summary>
    public static bool IsRunning(V1Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Status?.Conditions?.Any(c => c.Type is "Complete" or "Failed" && c.Status == "True") != true;
    }

    private static string GenerateName(string owner, string eventName)
    {
        var wanted = $"{owner}-{eventName.ToLowerInvariant()}";
        var name = wanted.Length <= MaxGenerateName - 1 ? wanted : ChildNames.Bounded(wanted)[..(MaxGenerateName - 1)].TrimEnd('-', '.');
        return name + "-";
    }

    private static IEnumerable<V1EnvVar> Environment(NotificationWork work) =>
    [
        new() { Name = "MODELSHIP_EVENT", Value = work.Trigger.Event.ToString() },
        new() { Name = "MODELSHIP_MODEL_DEPLOYMENT", Value = work.Owner.Metadata.Name },
        new() { Name = "MODELSHIP_NAMESPACE", Value = work.Owner.Metadata.NamespaceProperty },
        new() { Name = "MODELSHIP_VERSION", Value = work.Trigger.Version ?? "" },
        new() { Name = "MODELSHIP_REASON", Value = work.Trigger.Reason },
    ];
}
