using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.LeaderElection;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease, as client-go does it. Expiry is judged with the local
/// clock: a candidate notes when it last saw the lease record change and takes the lease only after the record's
/// leaseDurationSeconds have passed since then, so clock skew between machines does not matter. Writes use the
/// lease's resourceVersion (optimistic concurrency): of two candidates only one replace succeeds.
/// </summary>
public sealed class LeaderElector
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(10);

    private readonly ResourceClient<V1Lease> _leases;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LeaderMetrics _metrics;
    private string? _observedResourceVersion;
    private string? _observedHolder;
    private long _observedAt;

    public LeaderElector(KubernetesClient client, LeaderElectionOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _leases = client.For<V1Lease>();
        _options = options;
        _time = options.TimeProvider;
        _logger = logger ?? NullLogger.Instance;
        _metrics = new LeaderMetrics(options.LeaseName);
    }

    public string Identity => _options.Identity;

    public bool IsLeader { get; private set; }

    /// <summary>The holder in the lease record as last read; null before the first read or when free.</summary>
    public string? ObservedHolder => _observedHolder;

    /// <summary>
    /// Waits for the lease, then runs <paramref name="whileLeading"/> and renews until it completes. Its token is
    /// cancelled when <paramref name="cancellationToken"/> fires (the lease is kept renewed while it winds down,
    /// then released) or when leadership is lost (then <paramref name="onLost"/> is told why, at once).
    /// </summary>
    public async Task<LeadershipEnd> RunAsync(
        Func<CancellationToken, Task> whileLeading, Action<string>? onLost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            return LeadershipEnd.NeverAcquired;
        }

        using var leading = new CancellationTokenSource();
        using var stopRegistration = cancellationToken.Register(leading.Cancel);
        var work = RunLeadingWorkAsync(whileLeading, leading.Token);
        var lostReason = await RenewUntilDoneAsync(work).ConfigureAwait(false);
        SetLeader(false);
        if (lostReason is not null)
        {
            LeaderElectionLog.Lost(_logger, _options.LeaseNamespace, _options.LeaseName, lostReason);
            await leading.CancelAsync().ConfigureAwait(false);
            onLost?.Invoke(lostReason);
            await work.ConfigureAwait(false);
            return LeadershipEnd.Lost;
        }

        if (_options.ReleaseOnCancel)
        {
            await ReleaseAsync().ConfigureAwait(false);
        }

        return LeadershipEnd.Stopped;
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        LeaderElectionLog.Attempting(_logger, _options.LeaseNamespace, _options.LeaseName, _options.Identity);
        while (!cancellationToken.IsCancellationRequested)
        {
            var attempt = await TryAcquireOrRenewAsync(_options.RenewDeadline, cancellationToken).ConfigureAwait(false);
            if (attempt.Succeeded)
            {
                SetLeader(true);
                LeaderElectionLog.Acquired(_logger, _options.LeaseNamespace, _options.LeaseName, _options.Identity);
                return true;
            }

            // Wake exactly when the holder's lease runs out rather than up to a retry period later.
            var wait = attempt.HeldFor is { } heldFor && heldFor < _options.RetryPeriod ? heldFor : _options.RetryPeriod;
            try
            {
                await Task.Delay(wait < MinimumWait ? MinimumWait : wait, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Renews every retry period until <paramref name="work"/> completes; the reason when leadership was lost.</summary>
    private async Task<string?> RenewUntilDoneAsync(Task work)
    {
        var lastRenewal = _time.GetTimestamp();
        while (true)
        {
            var pause = Task.Delay(_options.RetryPeriod, _time, CancellationToken.None);
            if (await Task.WhenAny(work, pause).ConfigureAwait(false) == work)
            {
                return null;
            }

            var remaining = _options.RenewDeadline - _time.GetElapsedTime(lastRenewal);
            var attempt = await TryAcquireOrRenewAsync(remaining < MinimumWait ? MinimumWait : remaining, CancellationToken.None)
                .ConfigureAwait(false);
            if (attempt.Succeeded)
            {
                lastRenewal = _time.GetTimestamp();
                continue;
            }

            if (attempt.HeldFor is not null)
            {
                return $"the lease is now held by {_observedHolder}";
            }

            if (_time.GetElapsedTime(lastRenewal) >= _options.RenewDeadline)
            {
                return $"could not renew within the renew deadline of {_options.RenewDeadline.TotalSeconds} s";
            }
        }
    }

    private async Task RunLeadingWorkAsync(Func<CancellationToken, Task> whileLeading, CancellationToken leadingToken)
    {
        try
        {
            await Task.Run(() => whileLeading(leadingToken), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (leadingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LeaderElectionLog.LeadingWorkFailed(_logger, ex, _options.LeaseNamespace, _options.LeaseName);
        }
    }

    private async Task<Attempt> TryAcquireOrRenewAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Request timeouts are about real I/O, so they run on the real clock whatever TimeProvider is injected.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var lease = await _leases.GetOrNullAsync(_options.LeaseNamespace, _options.LeaseName, deadline.Token).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var observedAt = _time.GetTimestamp();
            if (lease is null)
            {
                var created = await _leases.CreateAsync(NewLease(now), cancellationToken: deadline.Token).ConfigureAwait(false);
                Observe(created, observedAt);
                return Attempt.Success;
            }

            if (lease.Metadata.ResourceVersion != _observedResourceVersion)
            {
                Observe(lease, observedAt);
            }

            var spec = lease.Spec ?? new V1LeaseSpec();
            var holder = spec.HolderIdentity;
            var heldByUs = holder == _options.Identity;
            if (!string.IsNullOrEmpty(holder) && !heldByUs)
            {
                var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? (int)_options.LeaseDuration.TotalSeconds);
                var left = duration - _time.GetElapsedTime(_observedAt, observedAt);
                if (left > TimeSpan.Zero)
                {
                    return Attempt.HeldByOther(left);
                }
            }

            lease.Spec = new V1LeaseSpec
            {
                HolderIdentity = _options.Identity,
                LeaseDurationSeconds = (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds),
                AcquireTime = heldByUs ? spec.AcquireTime ?? now.UtcDateTime : now.UtcDateTime,
                RenewTime = now.UtcDateTime,
                LeaseTransitions = heldByUs ? spec.LeaseTransitions ?? 0 : (spec.LeaseTransitions ?? 0) + 1,
                Strategy = spec.Strategy,
                PreferredHolder = spec.PreferredHolder,
            };
            var replaced = await _leases.ReplaceAsync(lease, deadline.Token).ConfigureAwait(false);
            Observe(replaced, observedAt);
            return Attempt.Success;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Conflict / AlreadyExists: another candidate wrote first; re-read on the next attempt.
            LeaderElectionLog.AttemptFailed(_logger, _options.LeaseNamespace, _options.LeaseName, ex.Message);
            return Attempt.Failed;
        }
    }

    private async Task ReleaseAsync()
    {
        using var deadline = new CancellationTokenSource(_options.RenewDeadline);
        try
        {
            var lease = await _leases.GetOrNullAsync(_options.LeaseNamespace, _options.LeaseName, deadline.Token).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != _options.Identity)
            {
                return;
            }

            var now = _time.GetUtcNow();
            lease.Spec = new V1LeaseSpec
            {
                HolderIdentity = null,
                LeaseDurationSeconds = 1,
                AcquireTime = now.UtcDateTime,
                RenewTime = now.UtcDateTime,
                LeaseTransitions = lease.Spec.LeaseTransitions,
                Strategy = lease.Spec.Strategy,
                PreferredHolder = lease.Spec.PreferredHolder,
            };
            await _leases.ReplaceAsync(lease, deadline.Token).ConfigureAwait(false);
            LeaderElectionLog.Released(_logger, _options.LeaseNamespace, _options.LeaseName);
        }
        catch (Exception ex)
        {
            LeaderElectionLog.ReleaseFailed(_logger, _options.LeaseNamespace, _options.LeaseName, ex.Message);
        }
    }

    private V1Lease NewLease(DateTimeOffset now) => new()
    {
        Metadata = new V1ObjectMeta { NamespaceProperty = _options.LeaseNamespace, Name = _options.LeaseName },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = _options.Identity,
            LeaseDurationSeconds = (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds),
            AcquireTime = now.UtcDateTime,
            RenewTime = now.UtcDateTime,
            LeaseTransitions = 0,
        },
    };

    private void Observe(V1Lease lease, long observedAt)
    {
        _observedResourceVersion = lease.Metadata.ResourceVersion;
        _observedAt = observedAt;
        var holder = lease.Spec?.HolderIdentity;
        if (holder != _observedHolder)
        {
            _observedHolder = holder;
            if (!string.IsNullOrEmpty(holder) && holder != _options.Identity)
            {
                LeaderElectionLog.NewLeaderObserved(_logger, _options.LeaseNamespace, _options.LeaseName, holder);
            }
        }
    }

    private void SetLeader(bool leading)
    {
        IsLeader = leading;
        _metrics.Set(leading);
    }

    private readonly record struct Attempt(bool Succeeded, TimeSpan? HeldFor)
    {
        public static Attempt Success => new(true, null);

        public static Attempt Failed => new(false, null);

        public static Attempt HeldByOther(TimeSpan left) => new(false, left);
    }
}
