using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Events;

/// <summary>Writes Events about an object (what <c>kubectl describe</c> shows). Never throws: failures are logged.</summary>
public interface IEventRecorder
{
    /// <param name="reason">CamelCase, machine-readable, e.g. <c>RolloutStarted</c>.</param>
    /// <param name="message">For people.</param>
    Task RecordAsync(IKubernetesObject<V1ObjectMeta> involved, EventType type, string reason, string message, CancellationToken cancellationToken = default);
}
