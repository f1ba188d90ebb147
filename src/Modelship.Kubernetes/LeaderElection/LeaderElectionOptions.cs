namespace Modelship.Kubernetes.LeaderElection;

/// <summary>Timings as client-go's: lease 15 s, renew deadline 10 s, retry 2 s.</summary>
public sealed class LeaderElectionOptions
{
    public required string LeaseNamespace { get; init; }

    public required string LeaseName { get; init; }

    /// <summary>Unique per process, e.g. hostname plus a random suffix.</summary>
    public required string Identity { get; init; }

    /// <summary>How long a lease whose record stopped changing is respected before a candidate takes it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The leader gives up when it could not renew for this long (must be below <see cref="LeaseDuration"/>).</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between attempts to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>On graceful stop, hand the lease back (empty holder, 1 s duration) so a successor need not wait it out.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(LeaseNamespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(LeaseName);
        ArgumentException.ThrowIfNullOrWhiteSpace(Identity);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryPeriod, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RenewDeadline, RetryPeriod);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LeaseDuration, RenewDeadline);
        ArgumentOutOfRangeException.ThrowIfLessThan(LeaseDuration, TimeSpan.FromSeconds(1));
    }
}
