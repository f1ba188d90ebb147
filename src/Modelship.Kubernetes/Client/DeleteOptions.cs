namespace Modelship.Kubernetes.Client;

public enum PropagationPolicy
{
    /// <summary>Dependents are deleted before the owner disappears.</summary>
    Foreground,

    /// <summary>The owner is deleted at once, the garbage collector deletes dependents afterwards.</summary>
    Background,

    /// <summary>Dependents are kept, their owner references removed.</summary>
    Orphan,
}

public sealed record DeleteOptions
{
    public PropagationPolicy? PropagationPolicy { get; init; }

    public long? GracePeriodSeconds { get; init; }

    /// <summary>Delete only if the object still has this uid (not a re-created namesake).</summary>
    public string? PreconditionUid { get; init; }

    /// <summary>Delete only if nobody changed the object since this resourceVersion.</summary>
    public string? PreconditionResourceVersion { get; init; }

    public bool DryRun { get; init; }
}
