namespace Modelship.Kubernetes.Queue;

/// <summary>The controller default: per-item backoff 5 ms doubling to 1000 s, and 10 qps with a burst of 100 overall.</summary>
public static class DefaultRateLimiter
{
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1000);
    public const double Qps = 10;
    public const int Burst = 100;

    public static IRateLimiter<T> Create<T>(TimeProvider time)
        where T : notnull =>
        new MaxOfRateLimiter<T>(
            new ItemExponentialBackoffRateLimiter<T>(BaseDelay, MaxDelay),
            new TokenBucketRateLimiter<T>(Qps, Burst, time));
}
