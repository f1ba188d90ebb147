using Modelship.Kubernetes.Queue;

namespace Modelship.Kubernetes.Controllers;

public sealed class ControllerOptions
{
    /// <summary>The <c>controller</c> label of the metrics and the queue name; lowercase, e.g. <c>modeldeployment</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Workers; different keys are reconciled in parallel, one key never is.</summary>
    public int MaxConcurrentReconciles { get; init; } = 1;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Retry delays after errors; <see cref="DefaultRateLimiter"/> when not set.</summary>
    public IRateLimiter<ObjectKey>? RateLimiter { get; init; }

    /// <summary>How long to wait for the informers' first list before giving up.</summary>
    public TimeSpan CacheSyncTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>On stop, how long in-flight reconciles may take before their token is cancelled.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
