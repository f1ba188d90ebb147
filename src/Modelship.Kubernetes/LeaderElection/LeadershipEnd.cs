namespace Modelship.Kubernetes.LeaderElection;

/// <summary>How <see cref="LeaderElector.RunAsync"/> ended.</summary>
public enum LeadershipEnd
{
    /// <summary>Stopped before the lease was ever acquired.</summary>
    NeverAcquired,

    /// <summary>Led, then stopped on request (the lease was released if configured).</summary>
    Stopped,

    /// <summary>Could not renew within the deadline, or another holder took the lease.</summary>
    Lost,
}
