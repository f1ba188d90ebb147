namespace Modelship.Kubernetes.Informers;

public enum CacheChangeType
{
    Added,
    Updated,
    Deleted,
}

/// <summary>One difference the cache applied: <c>Old</c> is null for adds, <c>New</c> is null for deletes.</summary>
public sealed record CacheChange<T>(CacheChangeType Type, T? Old, T? New)
    where T : class;
