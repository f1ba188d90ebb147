using k8s.Models;
using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Events;
using Modelship.Operator.Rbac;

namespace Modelship.Operator.Notifications;

/// <summary>
/// The background side of notifications: takes work from <see cref="Queue"/> (filled by reconcilers, which never
/// wait for it), calls webhooks and creates Jobs with at most <see cref="Concurrency"/> deliveries at once, records a
/// Normal NotificationSent or Warning NotificationFailed Event on the ModelDeployment and counts the result
/// (<see cref="NotificationMetrics"/>). Runs while this process leads. Delivery is at most
/// <see cref="DeliveryRetryPolicy.MaxAttempts"/> attempts: notifications queued when the process stops, or whose
/// receiver stays down, are not delivered; status and Events remain the source of truth.
/// </summary>
// Webhook secrets are read at each delivery, so a rotated secret is used at once.
[RbacRule(Resources = ["secrets"], Verbs = ["get"])]
public sealed class NotificationDelivery : IDisposable
{
    public const string SentReason = "NotificationSent";
    public const string FailedReason = "NotificationFailed";
    public const string SkippedReason = "NotificationSkipped";
    public const int Concurrency = 4;

    private readonly WebhookSender _webhooks;
    private readonly NotificationJobLauncher _jobs;
    private readonly IEventRecorder _events;
    private readonly ILogger _logger;
    private readonly HttpClient? _ownedHttp;

    public NotificationDelivery(KubernetesClient client, IEventRecorder events, ILoggerFactory loggerFactory, DeliveryRetryPolicy? policy = null, TimeProvider? time = null, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        // Each attempt's timeout is the policy's, not the client's.
        _ownedHttp = http is null ? new HttpClient { Timeout = Timeout.InfiniteTimeSpan } : null;
        Metrics = new NotificationMetrics();
        Queue = new NotificationQueue(Metrics);
        _webhooks = new WebhookSender(http ?? _ownedHttp!, client.For<V1Secret>(), policy ?? new DeliveryRetryPolicy(), time ?? TimeProvider.System);
        _jobs = new NotificationJobLauncher(client.For<V1Job>());
        _events = events;
        _logger = loggerFactory.CreateLogger<NotificationDelivery>();
    }

    public NotificationQueue Queue { get; }

    public NotificationMetrics Metrics { get; }

    /// <summary>Delivers queued notifications until <paramref name="cancellationToken"/> fires, then waits for those under way.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Concurrency);
        var running = new HashSet<Task>();
        try
        {
            await foreach (var work in Queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                var delivery = DeliverAndReleaseAsync(work, slots, cancellationToken);
                lock (running)
                {
                    running.Add(delivery);
                }
                _ = delivery.ContinueWith(done => { lock (running) { running.Remove(done); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        Task[] left;
        lock (running)
        {
            left = [.. running];
        }
        await Task.WhenAll(left).ConfigureAwait(false);
    }

    private async Task DeliverAndReleaseAsync(NotificationWork work, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>One notification: its webhook call, then its Job; each recorded and counted on its own.</summary>
    public async Task DeliverAsync(NotificationWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var name = work.Notification.Name;
        var eventName = work.Trigger.Event.ToString();
        if (work.Notification.Webhook is { } webhook)
        {
            var result = await _webhooks.SendAsync(work, cancellationToken).ConfigureAwait(false);
            var attempts = result.Attempts == 1 ? "1 attempt" : $"{result.Attempts} attempts";
            await ReportAsync(work, result.Sent ? NotificationMetrics.Sent : NotificationMetrics.Failed,
                result.Sent
                    ? $"notification {name}: {eventName} delivered to {Host(webhook.Url)} ({result.Detail}, {attempts})"
                    : $"notification {name}: {eventName} not delivered to {Host(webhook.Url)} after {attempts}: {result.Detail}",
                cancellationToken).ConfigureAwait(false);
        }
        if (work.Notification.Job is not null)
        {
            try
            {
                var launch = await _jobs.LaunchAsync(work, cancellationToken).ConfigureAwait(false);
                await ReportAsync(work, launch.Created ? NotificationMetrics.Sent : NotificationMetrics.Dropped,
                    launch.Created
                        ? $"notification {name}: {eventName} created Job {launch.JobName}"
                        : $"notification {name}: {eventName} created no Job: Job {launch.JobName} of the same event still runs",
                    cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException ex)
            {
                await ReportAsync(work, NotificationMetrics.Failed, $"notification {name}: {eventName} could not create its Job: {ex.Message}", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ReportAsync(NotificationWork work, string result, string message, CancellationToken cancellationToken)
    {
        Metrics.Count(work.Trigger.Event, result);
        var key = $"{work.Owner.Metadata.NamespaceProperty}/{work.Owner.Metadata.Name}";
        var (type, reason) = result switch
        {
            NotificationMetrics.Sent => (EventType.Normal, SentReason),
            NotificationMetrics.Dropped => (EventType.Normal, SkippedReason),
            _ => (EventType.Warning, FailedReason),
        };
        if (type == EventType.Warning)
        {
            NotificationLog.Failed(_logger, work.Notification.Name, work.Trigger.Event.ToString(), key, message);
        }
        else
        {
            NotificationLog.Delivered(_logger, work.Notification.Name, work.Trigger.Event.ToString(), key, message);
        }
        await _events.RecordAsync(work.Owner, type, reason, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The receiver's host: Events must not show a URL's path or query, which may carry a token.</summary>
    private static string Host(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : "the webhook";

    public void Dispose()
    {
        _jobs.Dispose();
        Metrics.Dispose();
        _ownedHttp?.Dispose();
    }
}
