namespace Modelship.Kubernetes.Queue;

/// <summary>Decides how long an item waits before it is retried.</summary>
public interface IRateLimiter<in T>
    where T : notnull
{
    /// <summary>The delay for the next retry of <paramref name="item"/>; records one more failure.</summary>
    TimeSpan When(T item);

    /// <summary>Forgets the failures of <paramref name="item"/> (it succeeded).</summary>
    void Forget(T item);

    /// <summary>How many times <paramref name="item"/> has been retried since it was last forgotten.</summary>
    int NumRequeues(T item);
}
