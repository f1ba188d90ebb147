using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Operator.Rbac;

namespace Modelship.Operator.Notifications;

/// <summary>What became of a notification's Job: created (its name), or skipped because one still runs (its name).</summary>
public sealed record JobLaunch(bool Created, string JobName);

/// <summary>
/// Creates a notification's Job unless a Job of the same ModelDeployment and event still runs. Launches are
/// serialized, so two notifications of the same event cannot both find none running.
/// </summary>
[RbacRule(Group = "batch", Resources = ["jobs"], Verbs = ["get", "list", "watch", "create"])]
public sealed class NotificationJobLauncher(ResourceClient<V1Job> jobs) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<JobLaunch> LaunchAsync(NotificationWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ns = work.Owner.Metadata.NamespaceProperty;
            var existing = await jobs.ListAsync(ns, new ListOptions { LabelSelector = NotificationJobBuilder.Selector(work.Owner.Metadata.Uid!, work.Trigger.Event.ToString()) }, cancellationToken).ConfigureAwait(false);
            if (existing.Items.FirstOrDefault(NotificationJobBuilder.IsRunning) is { } running)
            {
                return new JobLaunch(false, running.Metadata.Name!);
            }
            var created = await jobs.CreateAsync(NotificationJobBuilder.Build(work), cancellationToken: cancellationToken).ConfigureAwait(false);
            return new JobLaunch(true, created.Metadata.Name!);
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();
}
