namespace Modelship.Kubernetes.Queue;

/// <summary>
/// An overall limit across all items: <c>burst</c> tokens refilled at <c>qps</c> per second. Each retry reserves a
/// token; when none is left the retry is delayed until its token will have been refilled.
/// </summary>
public sealed class TokenBucketRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _qps;
    private readonly double _burst;
    private double _tokens;
    private long _lastTimestamp;

    public TokenBucketRateLimiter(double qps, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(qps, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _qps = qps;
        _burst = burst;
        _tokens = burst;
        _time = time;
        _lastTimestamp = time.GetTimestamp();
    }

    public TimeSpan When(T item)
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_lastTimestamp, now);
            _lastTimestamp = now;
            _tokens = Math.Min(_burst, _tokens + (elapsed.TotalSeconds * _qps));
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }

    public void Forget(T item)
    {
    }

    public int NumRequeues(T item) => 0;
}
