using Modelship.Kubernetes.Controllers;

namespace Modelship.Kubernetes.Informers;

/// <summary>An index value to the keys of the objects carrying it; not thread-safe (the cache locks around it).</summary>
internal sealed class KeyIndex
{
    private readonly Dictionary<string, HashSet<ObjectKey>> _keys = new(StringComparer.Ordinal);

    public void Add(string value, ObjectKey key)
    {
        if (!_keys.TryGetValue(value, out var set))
        {
            set = [];
            _keys[value] = set;
        }

        set.Add(key);
    }

    public void Remove(string value, ObjectKey key)
    {
        if (_keys.TryGetValue(value, out var set) && set.Remove(key) && set.Count == 0)
        {
            _keys.Remove(value);
        }
    }

    public IReadOnlyCollection<ObjectKey> Get(string value) =>
        _keys.TryGetValue(value, out var set) ? set : [];

    public void Clear() => _keys.Clear();
}
