using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Controllers;

/// <summary>
/// Filters informer changes before they enqueue a key. The built-in ones filter updates only: adds and deletes always
/// pass, so a new or deleted object is never missed. Combine with <see cref="And"/> / <see cref="Or"/>.
/// </summary>
public sealed class ChangePredicate
{
    private readonly Func<IKubernetesObject<V1ObjectMeta>, bool> _add;
    private readonly Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>, bool> _update;
    private readonly Func<IKubernetesObject<V1ObjectMeta>, bool> _delete;

    public ChangePredicate(
        Func<IKubernetesObject<V1ObjectMeta>, bool>? add = null,
        Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>, bool>? update = null,
        Func<IKubernetesObject<V1ObjectMeta>, bool>? delete = null)
    {
        _add = add ?? (_ => true);
        _update = update ?? ((_, _) => true);
        _delete = delete ?? (_ => true);
    }

    /// <summary>Everything passes.</summary>
    public static ChangePredicate Any { get; } = new();

    /// <summary>Spec changes (metadata.generation moved); ignores status-only updates. For kinds without generation every update passes.</summary>
    public static ChangePredicate GenerationChanged { get; } = new(update: (oldObj, newObj) =>
        oldObj.Metadata.Generation is null || newObj.Metadata.Generation is null || oldObj.Metadata.Generation != newObj.Metadata.Generation);

    public static ChangePredicate LabelsChanged { get; } = new(update: (oldObj, newObj) =>
        !SameEntries(oldObj.Metadata.Labels, newObj.Metadata.Labels));

    public static ChangePredicate AnnotationsChanged { get; } = new(update: (oldObj, newObj) =>
        !SameEntries(oldObj.Metadata.Annotations, newObj.Metadata.Annotations));

    /// <summary>Drops resyncs (<see cref="Informers.SharedInformerFactoryOptions.ResyncPeriod"/>), which hand on an unchanged object; any real write passes.</summary>
    public static ChangePredicate ResourceVersionChanged { get; } = new(update: (oldObj, newObj) =>
        oldObj.Metadata.ResourceVersion != newObj.Metadata.ResourceVersion);

    public bool AllowsAdd(IKubernetesObject<V1ObjectMeta> obj) => _add(obj);

    public bool AllowsUpdate(IKubernetesObject<V1ObjectMeta> oldObj, IKubernetesObject<V1ObjectMeta> newObj) => _update(oldObj, newObj);

    public bool AllowsDelete(IKubernetesObject<V1ObjectMeta> obj) => _delete(obj);

    public ChangePredicate And(ChangePredicate other) => new(
        obj => AllowsAdd(obj) && other.AllowsAdd(obj),
        (oldObj, newObj) => AllowsUpdate(oldObj, newObj) && other.AllowsUpdate(oldObj, newObj),
        obj => AllowsDelete(obj) && other.AllowsDelete(obj));

    public ChangePredicate Or(ChangePredicate other) => new(
        obj => AllowsAdd(obj) || other.AllowsAdd(obj),
        (oldObj, newObj) => AllowsUpdate(oldObj, newObj) || other.AllowsUpdate(oldObj, newObj),
        obj => AllowsDelete(obj) || other.AllowsDelete(obj));

    private static bool SameEntries(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        var left = a ?? new Dictionary<string, string>();
        var right = b ?? new Dictionary<string, string>();
        return left.Count == right.Count
            && left.All(entry => right.TryGetValue(entry.Key, out var value) && value == entry.Value);
    }
}
