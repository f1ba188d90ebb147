using k8s;
using k8s.Models;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Informers;

/// <summary>
/// What one informer caches of its kind. Informers with equal options are shared; different options give separate
/// informers (and caches) of the same kind.
/// </summary>
public sealed record InformerOptions
{
    /// <summary>
    /// Cache only objects with these labels, e.g. <c>app.kubernetes.io/component=router</c>; sent with every list and
    /// watch, so the server filters and objects without the labels never reach the process. An object whose labels
    /// stop matching arrives as a delete.
    /// </summary>
    public string? LabelSelector { get; init; }

    /// <summary>
    /// Reshapes each object before it is cached, like controller-runtime's cache <c>TransformFunc</c>: drop what no
    /// reader of this cache uses (e.g. a Deployment's Pod template) so that many cached objects take little memory.
    /// It receives a freshly decoded object of the informer's kind and may change it in place. Objects are always
    /// cached without managedFields (<see cref="ManagedFieldsTransform"/>). Options compare the delegate itself, so
    /// pass the same instance (a static field) wherever the same cache is wanted.
    /// </summary>
    public Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>>? Transform { get; init; }
}
