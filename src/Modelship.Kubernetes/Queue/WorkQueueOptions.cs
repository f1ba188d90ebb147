namespace Modelship.Kubernetes.Queue;

public sealed class WorkQueueOptions<T>
    where T : notnull
{
    /// <summary>The <c>name</c> label of the workqueue metrics (the controller name).</summary>
    public required string Name { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Retry delays; <see cref="DefaultRateLimiter"/> when not set.</summary>
    public IRateLimiter<T>? RateLimiter { get; init; }
}
