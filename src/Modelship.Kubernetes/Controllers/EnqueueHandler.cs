using k8s;
using k8s.Models;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Queue;

namespace Modelship.Kubernetes.Controllers;

/// <summary>Turns informer changes that pass the predicate into queue keys; on update both old and new state are mapped.</summary>
internal sealed class EnqueueHandler<T>(WorkQueue<ObjectKey> queue, Func<T, IEnumerable<ObjectKey>> map, ChangePredicate predicate)
    : IInformerEventHandler<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public void OnAdd(T obj)
    {
        if (predicate.AllowsAdd(obj))
        {
            AddAll(obj);
        }
    }

    public void OnUpdate(T oldObj, T newObj)
    {
        if (predicate.AllowsUpdate(oldObj, newObj))
        {
            // An owner reference or label may have moved: the previous target needs a reconcile too. Distinct, so
            // a worker that takes the key between two adds does not get a second, needless pass.
            foreach (var key in map(oldObj).Union(map(newObj)))
            {
                queue.Add(key);
            }
        }
    }

    public void OnDelete(T obj)
    {
        if (predicate.AllowsDelete(obj))
        {
            AddAll(obj);
        }
    }

    private void AddAll(T obj)
    {
        foreach (var key in map(obj))
        {
            queue.Add(key);
        }
    }
}
