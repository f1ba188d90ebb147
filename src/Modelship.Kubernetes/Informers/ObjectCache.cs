using k8s;
using k8s.Models;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Informers;

/// <summary>
/// The informer's thread-safe store, keyed by namespace/name, indexed by namespace, by owner UID and by label
/// <c>key=value</c>. Returned objects are shared with every reader: treat them as read-only (copy before changing).
/// The informer is the only writer in production; tests may fill a cache directly.
/// </summary>
public sealed class ObjectCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, T> _objects = [];
    private readonly KeyIndex _byNamespace = new();
    private readonly KeyIndex _byOwnerUid = new();
    private readonly KeyIndex _byLabel = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _objects.Count;
            }
        }
    }

    public T? Get(ObjectKey key)
    {
        lock (_lock)
        {
            return _objects.GetValueOrDefault(key);
        }
    }

    public T? Get(string? ns, string name) => Get(new ObjectKey(string.IsNullOrEmpty(ns) ? null : ns, name));

    public IReadOnlyList<T> List()
    {
        lock (_lock)
        {
            return [.. _objects.Values];
        }
    }

    public IReadOnlyList<T> ListInNamespace(string ns) => Lookup(_byNamespace, ns);

    /// <summary>Objects with an ownerReference to this UID (controller or not).</summary>
    public IReadOnlyList<T> ListByOwnerUid(string ownerUid) => Lookup(_byOwnerUid, ownerUid);

    public IReadOnlyList<T> ListByLabel(string key, string value) => Lookup(_byLabel, LabelEntry(key, value));

    /// <summary>Inserts or replaces the object; an Added or Updated change.</summary>
    public CacheChange<T> Upsert(T obj)
    {
        var key = ObjectKey.From(obj);
        lock (_lock)
        {
            var old = RemoveLocked(key);
            AddLocked(key, obj);
            return old is null
                ? new CacheChange<T>(CacheChangeType.Added, null, obj)
                : new CacheChange<T>(CacheChangeType.Updated, old, obj);
        }
    }

    /// <summary>Removes the object; a Deleted change carrying its final state, or null when it was not cached.</summary>
    public CacheChange<T>? Delete(T obj)
    {
        var key = ObjectKey.From(obj);
        lock (_lock)
        {
            return RemoveLocked(key) is null ? null : new CacheChange<T>(CacheChangeType.Deleted, obj, null);
        }
    }

    /// <summary>
    /// Makes the cache hold exactly <paramref name="items"/> (a fresh list) and returns what differs: adds, updates
    /// for objects whose resourceVersion changed, and deletes for cached objects missing from the list. With
    /// <paramref name="ns"/>, the list is that namespace's: objects of other namespaces stay as they are.
    /// </summary>
    public IReadOnlyList<CacheChange<T>> Replace(IReadOnlyCollection<T> items, string? ns = null)
    {
        var changes = new List<CacheChange<T>>();
        lock (_lock)
        {
            var fresh = new Dictionary<ObjectKey, T>(items.Count);
            foreach (var item in items)
            {
                fresh[ObjectKey.From(item)] = item;
            }

            foreach (var (key, old) in _objects.ToList())
            {
                if (!fresh.ContainsKey(key) && (ns is null || key.Namespace == ns))
                {
                    RemoveLocked(key);
                    changes.Add(new CacheChange<T>(CacheChangeType.Deleted, old, null));
                }
            }

            foreach (var (key, item) in fresh)
            {
                var old = RemoveLocked(key);
                AddLocked(key, item);
                if (old is null)
                {
                    changes.Add(new CacheChange<T>(CacheChangeType.Added, null, item));
                }
                else if (old.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
                {
                    changes.Add(new CacheChange<T>(CacheChangeType.Updated, old, item));
                }
            }
        }

        return changes;
    }

    private IReadOnlyList<T> Lookup(KeyIndex index, string value)
    {
        lock (_lock)
        {
            return [.. index.Get(value).Select(key => _objects[key])];
        }
    }

    private void AddLocked(ObjectKey key, T obj)
    {
        _objects[key] = obj;
        Index(key, obj, add: true);
    }

    private T? RemoveLocked(ObjectKey key)
    {
        if (!_objects.Remove(key, out var old))
        {
            return null;
        }

        Index(key, old, add: false);
        return old;
    }

    private void Index(ObjectKey key, T obj, bool add)
    {
        void Apply(KeyIndex index, string value)
        {
            if (add)
            {
                index.Add(value, key);
            }
            else
            {
                index.Remove(value, key);
            }
        }

        if (key.Namespace is { } ns)
        {
            Apply(_byNamespace, ns);
        }

        foreach (var owner in obj.Metadata.OwnerReferences ?? [])
        {
            if (!string.IsNullOrEmpty(owner.Uid))
            {
                Apply(_byOwnerUid, owner.Uid);
            }
        }

        foreach (var (labelKey, labelValue) in obj.Metadata.Labels ?? new Dictionary<string, string>())
        {
            Apply(_byLabel, LabelEntry(labelKey, labelValue));
        }
    }

    private static string LabelEntry(string key, string value) => $"{key}={value}";
}
