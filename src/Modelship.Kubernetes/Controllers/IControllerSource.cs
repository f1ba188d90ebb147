using k8s;
using k8s.Models;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Queue;

namespace Modelship.Kubernetes.Controllers;

/// <summary>Where a controller's keys come from: an informer plus how its objects map to keys.</summary>
public interface IControllerSource
{
    ISharedInformer Informer { get; }

    /// <summary>Starts enqueueing; disposing the result stops.</summary>
    IDisposable Start(WorkQueue<ObjectKey> queue);
}

/// <summary>Enqueues the keys <c>map</c> returns for every change of the informer's kind that passes the predicate.</summary>
public sealed class InformerSource<T>(SharedInformer<T> informer, Func<T, IEnumerable<ObjectKey>> map, ChangePredicate predicate)
    : IControllerSource
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public ISharedInformer Informer => informer;

    public IDisposable Start(WorkQueue<ObjectKey> queue) => informer.AddEventHandler(new EnqueueHandler<T>(queue, map, predicate));
}
