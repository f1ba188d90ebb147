namespace Modelship.Kubernetes.Informers;

/// <summary>
/// Receives cache changes on the informer's loop. Implementations only enqueue keys: anything slow here delays every
/// other handler of the kind.
/// </summary>
public interface IInformerEventHandler<in T>
    where T : class
{
    void OnAdd(T obj);

    void OnUpdate(T oldObj, T newObj);

    /// <summary>The object's last known state (from the delete event, or from the cache when a relist found it gone).</summary>
    void OnDelete(T obj);
}
