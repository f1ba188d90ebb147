namespace Modelship.Kubernetes.Controllers;

/// <summary>What a reconcile asks for next. Throwing instead means "retry with backoff".</summary>
public readonly record struct ReconcileResult
{
    private ReconcileResult(TimeSpan? requeueDelay, bool requeueWithBackoff)
    {
        RequeueDelay = requeueDelay;
        RequeueWithBackoff = requeueWithBackoff;
    }

    /// <summary>Nothing more to do until something changes.</summary>
    public static ReconcileResult Done => default;

    /// <summary>Run again with the per-item backoff, without counting an error (e.g. waiting on another object).</summary>
    public static ReconcileResult Requeue => new(null, true);

    /// <summary>When the reconcile should run again even if nothing changes (e.g. a schedule, a timeout).</summary>
    public TimeSpan? RequeueDelay { get; }

    public bool RequeueWithBackoff { get; }

    /// <summary>Run again after <paramref name="delay"/> (resets the backoff).</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        return new(delay, false);
    }
}
