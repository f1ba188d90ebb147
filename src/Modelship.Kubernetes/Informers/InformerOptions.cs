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
}
