using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Events;
using Modelship.Kubernetes.Informers;
using Modelship.Operator.Notifications;

namespace Modelship.Operator.Hosting;

/// <summary>What a controller gets from the host to build itself: the shared client, informers and event recorder.</summary>
public sealed record ControllerContext(
    KubernetesClient Client,
    SharedInformerFactory Informers,
    IEventRecorder Events,
    ILoggerFactory LoggerFactory,
    string Identity,
    TimeSpan ShutdownTimeout)
{
    /// <summary>Where reconcilers queue notifications (spec.notifications); null: notifications are not delivered.</summary>
    public NotificationQueue? Notifications { get; init; }
}
