namespace Modelship.Kubernetes.Client;

/// <summary>
/// Delays that double from <c>initial</c> up to <c>max</c>, optionally stretched by a random fraction so that many
/// clients failing together (an API server restart) do not retry in lockstep. Not thread-safe: one per loop.
/// </summary>
public sealed class ExponentialBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly double _jitter;
    private readonly Random? _random;
    private TimeSpan _next;

    /// <param name="jitter">Each delay is multiplied by a random factor in [1, 1 + jitter).</param>
    public ExponentialBackoff(TimeSpan initial, TimeSpan max, double jitter = 0, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        _initial = initial;
        _max = max;
        _jitter = jitter;
        _random = jitter > 0 ? random ?? Random.Shared : null;
        _next = initial;
    }

    public TimeSpan Next()
    {
        var current = _next;
        _next = current >= _max / 2 ? _max : current * 2;
        return _random is null ? current : current * (1 + (_jitter * _random.NextDouble()));
    }

    public void Reset() => _next = _initial;
}
