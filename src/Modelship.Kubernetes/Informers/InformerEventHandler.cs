namespace Modelship.Kubernetes.Informers;

/// <summary>An <see cref="IInformerEventHandler{T}"/> from delegates; unset ones ignore the change.</summary>
public sealed class InformerEventHandler<T> : IInformerEventHandler<T>
    where T : class
{
    public Action<T>? Added { get; init; }

    public Action<T, T>? Updated { get; init; }

    public Action<T>? Deleted { get; init; }

    public void OnAdd(T obj) => Added?.Invoke(obj);

    public void OnUpdate(T oldObj, T newObj) => Updated?.Invoke(oldObj, newObj);

    public void OnDelete(T obj) => Deleted?.Invoke(obj);
}

public static class InformerEventHandler
{
    /// <summary>The same action for every change, given the newest state of the object.</summary>
    public static InformerEventHandler<T> ForAny<T>(Action<T> onChange)
        where T : class =>
        new() { Added = onChange, Updated = (_, newObj) => onChange(newObj), Deleted = onChange };
}
