namespace Modelship.Serving.Monitoring.Drift;

/// <summary>
/// The binned values of one version's last <see cref="Capacity"/> requests, with per column bin counts kept as they
/// come and go: adding a request adds its values and subtracts those of the request it evicts, so the cost is that of
/// the two requests' values, never of the window. Thread-safe: one writer (the monitor's worker) and readers (scrapes).
/// </summary>
public sealed class DriftWindow
{
    private readonly BinnedValue[]?[] _requests;
    private readonly long[][] _counts;
    private readonly long[] _outOfRange;
    private readonly Lock _lock = new();
    private int _next;
    private int _size;

    public DriftWindow(int capacity, IReadOnlyList<int> binsPerColumn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _requests = new BinnedValue[]?[capacity];
        _counts = [.. binsPerColumn.Select(b => new long[b])];
        _outOfRange = new long[binsPerColumn.Count];
    }

    public int Capacity { get; }

    /// <summary>Requests in the window.</summary>
    public int Samples
    {
        get
        {
            lock (_lock)
            {
                return _size;
            }
        }
    }

    public void Add(BinnedValue[] request)
    {
        lock (_lock)
        {
            if (_requests[_next] is { } evicted)
            {
                Apply(evicted, -1);
            }
            _requests[_next] = request;
            Apply(request, +1);
            _next = (_next + 1) % Capacity;
            _size = Math.Min(_size + 1, Capacity);
        }
    }

    /// <summary>A consistent copy of the window: requests, bin counts per column and out-of-range values per column.</summary>
    public (int Samples, long[][] Counts, long[] OutOfRange) Read()
    {
        lock (_lock)
        {
            return (_size, [.. _counts.Select(c => (long[])c.Clone())], (long[])_outOfRange.Clone());
        }
    }

    private void Apply(BinnedValue[] request, int sign)
    {
        foreach (var value in request)
        {
            _counts[value.Column][value.Bin] += sign;
            if (value.OutOfRange)
            {
                _outOfRange[value.Column] += sign;
            }
        }
    }
}
