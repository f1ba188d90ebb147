using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.LeaderElection;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Tests.Queue;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Modelship.Kubernetes.Tests.LeaderElection;

public sealed class LeaderElectorTests : IAsyncDisposable
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);
    private readonly ManualTimeProvider _time = new();
    private readonly FakeLeaseApi _api = new();
    private readonly KubernetesClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<CancellationToken> _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _lostReasons = [];
    private Task<LeadershipEnd>? _run;

    public LeaderElectorTests()
    {
        _client = new KubernetesClient(
            new KubernetesClientConfiguration { Host = "https://apiserver.test" },
            new KubernetesClientOptions { RetryPolicy = KubernetesRetryPolicy.None },
            _api.Handler);
    }

    [Fact]
    public async Task A_missing_lease_is_created_and_the_work_starts()
    {
        using var metrics = new MetricsCapture();
        var elector = Start("me");

        await _leading.Task.WaitAsync(TimeSpan.FromSeconds(5));

        elector.IsLeader.Should().BeTrue();
        var lease = _api.Current!;
        lease.Spec!.HolderIdentity.Should().Be("me");
        lease.Spec.LeaseDurationSeconds.Should().Be(15);
        lease.Spec.LeaseTransitions.Should().Be(0);
        metrics.Sum("modelship_leader", ("lease", "lock")).Should().Be(1);
    }

    [Fact]
    public async Task The_leader_renews_every_retry_period()
    {
        Start("me");
        await _leading.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var firstRenew = _api.Current!.Spec!.RenewTime;

        await AdvanceWhenWaiting(Retry);
        await WaitUntil(() => _api.Writes == 2);
        await AdvanceWhenWaiting(Retry);
        await WaitUntil(() => _api.Writes == 3);

        var lease = _api.Current!;
        lease.Spec!.RenewTime.Should().Be(firstRenew!.Value + (2 * Retry));
        lease.Spec.AcquireTime.Should().Be(firstRenew);
        lease.Spec.HolderIdentity.Should().Be("me");
    }

    [Fact]
    public async Task A_candidate_waits_while_the_holder_keeps_renewing()
    {
        _api.Put(new V1LeaseSpec { HolderIdentity = "other", LeaseDurationSeconds = 15, RenewTime = _time.GetUtcNow().UtcDateTime });
        var elector = Start("me");

        for (var i = 0; i < 12; i++)
        {
            await AdvanceWhenWaiting(Retry);
            _api.Put(new V1LeaseSpec { HolderIdentity = "other", LeaseDurationSeconds = 15, RenewTime = _time.GetUtcNow().UtcDateTime });
        }

        elector.IsLeader.Should().BeFalse();
        elector.ObservedHolder.Should().Be("other");
        _leading.Task.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task A_candidate_takes_a_lease_unchanged_for_its_duration_whatever_its_renew_time_says()
    {
        // The holder's clock is far ahead: judged by renewTime the lease would look valid for decades.
        _api.Put(new V1LeaseSpec
        {
            HolderIdentity = "crashed",
            LeaseDurationSeconds = 15,
            RenewTime = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            LeaseTransitions = 4,
        });
        var elector = Start("me");
        await WaitUntil(() => _api.Handler.Requests.Count == 1);

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromSeconds(14); elapsed += Retry)
        {
            await AdvanceWhenWaiting(Retry);
            elector.IsLeader.Should().BeFalse();
        }

        await AdvanceWhenWaiting(TimeSpan.FromSeconds(1));

        await _leading.Task.WaitAsync(TimeSpan.FromSeconds(5));
        _api.Current!.Spec!.HolderIdentity.Should().Be("me");
        _api.Current.Spec.LeaseTransitions.Should().Be(5);
    }

    [Fact]
    public async Task A_released_lease_is_taken_at_once()
    {
        _api.Put(new V1LeaseSpec { HolderIdentity = null, LeaseDurationSeconds = 1, RenewTime = _time.GetUtcNow().UtcDateTime });

        Start("me");

        await _leading.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_conflicting_write_is_retried_after_the_retry_period()
    {
        _api.ConflictOnNextWrite = true;
        var elector = Start("me");
        await WaitUntil(() => _time.ArmedTimers > 0);
        elector.IsLeader.Should().BeFalse();

        await AdvanceWhenWaiting(Retry);

        await _leading.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Leadership_is_lost_when_renewals_fail_past_the_renew_deadline()
    {
        using var metrics = new MetricsCapture();
        Start("me");
        var leadingToken = await _leading.Task.WaitAsync(TimeSpan.FromSeconds(5));
        _api.Unavailable = true;

        for (var i = 0; i < 4; i++)
        {
            await AdvanceWhenWaiting(Retry);
        }

        leadingToken.IsCancellationRequested.Should().BeFalse("8 s without renewal is within the 10 s deadline");
        await AdvanceWhenWaiting(Retry);

        (await _run!.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(LeadershipEnd.Lost);
        leadingToken.IsCancellationRequested.Should().BeTrue();
        _lostReasons.Should().ContainSingle().Which.Should().Contain("renew deadline");
        metrics.Sum("modelship_leader", ("lease", "lock")).Should().Be(0);
    }

    [Fact]
    public async Task A_graceful_stop_releases_the_lease()
    {
        Start("me");
        await _leading.Task.WaitAsync(TimeSpan.FromSeconds(5));

        await _stop.CancelAsync();

        (await _run!.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(LeadershipEnd.Stopped);
        var lease = _api.Current!;
        lease.Spec!.HolderIdentity.Should().BeNull();
        lease.Spec.LeaseDurationSeconds.Should().Be(1);
        _lostReasons.Should().BeEmpty();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(5));
        }

        _stop.Dispose();
        _client.Dispose();
    }

    private LeaderElector Start(string identity)
    {
        var elector = new LeaderElector(_client, new LeaderElectionOptions
        {
            LeaseNamespace = "ns",
            LeaseName = "lock",
            Identity = identity,
            TimeProvider = _time,
        });
        _run = elector.RunAsync(
            async token =>
            {
                _leading.TrySetResult(token);
                await Task.Delay(Timeout.Infinite, token);
            },
            reason => _lostReasons.Add(reason),
            _stop.Token);
        return elector;
    }

    private async Task AdvanceWhenWaiting(TimeSpan by)
    {
        await WaitUntil(() => _time.ArmedTimers > 0);
        _time.Advance(by);
    }

    private static Task WaitUntil(Func<bool> condition) => Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(5), "the condition should hold within 5 s");
}
