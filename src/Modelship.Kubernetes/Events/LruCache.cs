namespace Modelship.Kubernetes.Events;

/// <summary>A fixed-size map that forgets the least recently used entry first; not thread-safe.</summary>
internal sealed class LruCache<TKey, TValue>
    where TKey : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _nodes = [];
    private readonly LinkedList<(TKey Key, TValue Value)> _order = new();

    public LruCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count => _nodes.Count;

    public bool TryGet(TKey key, out TValue value)
    {
        if (_nodes.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (_nodes.Remove(key, out var existing))
        {
            _order.Remove(existing);
        }

        _nodes[key] = _order.AddFirst((key, value));
        if (_nodes.Count > _capacity)
        {
            var oldest = _order.Last!;
            _order.RemoveLast();
            _nodes.Remove(oldest.Value.Key);
        }
    }

    public void Remove(TKey key)
    {
        if (_nodes.Remove(key, out var node))
        {
            _order.Remove(node);
        }
    }
}
