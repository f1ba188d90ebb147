namespace Modelship.Kubernetes.Client;

/// <summary>Delays that double from <c>initial</c> up to <c>max</c>; not thread-safe, one per loop.</summary>
public sealed class ExponentialBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public ExponentialBackoff(TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _initial = initial;
        _max = max;
        _next = initial;
    }

    public TimeSpan Next()
    {
        var current = _next;
        _next = current >= _max / 2 ? _max : current * 2;
        return current;
    }

    public void Reset() => _next = _initial;
}
