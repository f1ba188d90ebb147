using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Tests.Informers;
using Modelship.Kubernetes.Tests.Queue;
using Modelship.Kubernetes.Watch;

namespace Modelship.Kubernetes.Tests.Controllers;

public sealed class ControllerTests
{
    private static readonly Task<ReconcileResult> Done = Task.FromResult(ReconcileResult.Done);

    [Fact]
    public async Task Every_listed_object_is_reconciled_and_later_changes_too()
    {
        await using var harness = new ControllerHarness("ctl-list", (_, _) => Done);
        harness.Start();
        await harness.List(TestObjects.ConfigMap("ns", "a"), TestObjects.ConfigMap("ns", "b"));
        await ControllerHarness.WaitUntil(() => harness.Calls.Count == 2);

        await harness.Change(ListWatchEventType.Modified, TestObjects.ConfigMap("ns", "a", resourceVersion: "2"));
        await harness.Change(ListWatchEventType.Deleted, TestObjects.ConfigMap("ns", "b", resourceVersion: "3"));

        await ControllerHarness.WaitUntil(() => harness.Calls.Count == 4);
        harness.Calls.Should().BeEquivalentTo([new ObjectKey("ns", "a"), new ObjectKey("ns", "b"), new ObjectKey("ns", "a"), new ObjectKey("ns", "b")]);
        harness.Controller.IsRunning.Should().BeTrue();
    }

    [Fact]
    public async Task Requeue_after_runs_the_key_again_when_the_clock_says_so()
    {
        await using var harness = new ControllerHarness("ctl-requeue-after", (_, _) => Task.FromResult(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(30))));
        using var metrics = new MetricsCapture();
        harness.Start();
        await harness.List(TestObjects.ConfigMap("ns", "a"));
        await ControllerHarness.WaitUntil(() => harness.Controller.Queue.Delayed == 1);

        harness.Time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        harness.CallCount("a").Should().Be(1);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await ControllerHarness.WaitUntil(() => harness.CallCount("a") == 2);
        metrics.Sum("modelship_reconcile_total", ("controller", "ctl-requeue-after"), ("result", "requeue_after")).Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task An_exception_is_retried_with_growing_backoff_until_it_succeeds()
    {
        var failuresLeft = 3;
        await using var harness = new ControllerHarness("ctl-retry", (_, _) =>
            Interlocked.Decrement(ref failuresLeft) >= 0 ? throw new InvalidOperationException("apiserver said no") : Done);
        using var metrics = new MetricsCapture();
        harness.Start();
        await harness.List(TestObjects.ConfigMap("ns", "a"));

        // Backoff 5 ms, 10 ms, 20 ms: each retry only after its delay.
        foreach (var (delayMs, callsAfter) in new[] { (5, 2), (10, 3), (20, 4) })
        {
            await ControllerHarness.WaitUntil(() => harness.Controller.Queue.Delayed == 1);
            harness.Time.Advance(TimeSpan.FromMilliseconds(delayMs - 1));
            await Task.Delay(20);
            harness.CallCount("a").Should().Be(callsAfter - 1, $"the retry is due after {delayMs} ms");
            harness.Time.Advance(TimeSpan.FromMilliseconds(1));
            await ControllerHarness.WaitUntil(() => harness.CallCount("a") == callsAfter);
        }

        await harness.Settle();
        harness.Controller.Queue.NumRequeues(new ObjectKey("ns", "a")).Should().Be(0, "success forgets the backoff");
        metrics.Sum("modelship_reconcile_errors_total", ("controller", "ctl-retry")).Should().Be(3);
        metrics.Sum("modelship_reconcile_total", ("controller", "ctl-retry"), ("result", "error")).Should().Be(3);
        metrics.Sum("modelship_reconcile_total", ("controller", "ctl-retry"), ("result", "success")).Should().Be(1);
    }

    [Fact]
    public async Task A_terminal_error_is_counted_and_not_retried()
    {
        await using var harness = new ControllerHarness("ctl-terminal", (_, _) => throw new TerminalReconcileException("spec.model is invalid"));
        using var metrics = new MetricsCapture();
        harness.Start();
        await harness.List(TestObjects.ConfigMap("ns", "a"));
        await ControllerHarness.WaitUntil(() => harness.CallCount("a") == 1);
        await harness.Settle();

        harness.Time.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(50);

        harness.CallCount("a").Should().Be(1);
        harness.Controller.Queue.Delayed.Should().Be(0);
        metrics.Sum("modelship_terminal_reconcile_errors_total", ("controller", "ctl-terminal")).Should().Be(1);
        metrics.Sum("modelship_reconcile_errors_total", ("controller", "ctl-terminal")).Should().Be(1);
    }

    [Fact]
    public async Task An_exception_does_not_kill_the_only_worker()
    {
        await using var harness = new ControllerHarness("ctl-survive", (key, _) =>
            key.Name == "bad" ? throw new InvalidOperationException("boom") : Done);
        harness.Start();
        await harness.List(TestObjects.ConfigMap("ns", "bad"));
        await ControllerHarness.WaitUntil(() => harness.CallCount("bad") == 1);

        await harness.Change(ListWatchEventType.Added, TestObjects.ConfigMap("ns", "good", resourceVersion: "2"));

        await ControllerHarness.WaitUntil(() => harness.CallCount("good") == 1);
    }

    [Fact]
    public async Task A_key_is_never_reconciled_by_two_workers_and_changes_meanwhile_give_one_more_pass()
    {
        using var gate = new SemaphoreSlim(0);
        var concurrent = 0;
        var maxConcurrent = 0;
        await using var harness = new ControllerHarness("ctl-one-per-key", async (_, _) =>
        {
            var now = Interlocked.Increment(ref concurrent);
            InterlockedMax(ref maxConcurrent, now);
            await gate.WaitAsync();
            Interlocked.Decrement(ref concurrent);
            return ReconcileResult.Done;
        }, workers: 4);
        harness.Start();
        await harness.List(TestObjects.ConfigMap("ns", "a"));
        await ControllerHarness.WaitUntil(() => harness.CallCount("a") == 1);

        for (var version = 2; version < 12; version++)
        {
            await harness.Change(ListWatchEventType.Modified, TestObjects.ConfigMap("ns", "a", resourceVersion: version.ToString()));
        }

        await ControllerHarness.WaitUntil(() => harness.Controller.Queue.InFlight == 1 && harness.Informer.Cache.Get("ns", "a")!.Metadata.ResourceVersion == "11");
        await Task.Delay(50);
        harness.CallCount("a").Should().Be(1, "the first reconcile still runs");

        gate.Release(100);
        await ControllerHarness.WaitUntil(() => harness.CallCount("a") == 2);
        await harness.Settle();
        harness.CallCount("a").Should().Be(2, "ten changes during one reconcile coalesce into one more pass");
        maxConcurrent.Should().Be(1);
    }

    [Fact]
    public async Task Metric_series_exist_at_zero_from_creation()
    {
        using var metrics = new MetricsCapture();
        await using var harness = new ControllerHarness("ctl-zero", (_, _) => Done);

        foreach (var result in new[] { "success", "error", "requeue", "requeue_after" })
        {
            metrics.Exists("modelship_reconcile_total", ("controller", "ctl-zero"), ("result", result)).Should().BeTrue(result);
            metrics.Sum("modelship_reconcile_total", ("controller", "ctl-zero"), ("result", result)).Should().Be(0);
        }

        metrics.Exists("modelship_reconcile_errors_total", ("controller", "ctl-zero")).Should().BeTrue();
        metrics.Exists("modelship_workqueue_depth", ("name", "ctl-zero")).Should().BeTrue();
        metrics.Exists("modelship_workqueue_adds_total", ("name", "ctl-zero")).Should().BeTrue();
    }

    [Fact]
    public async Task Reconcile_time_is_recorded_per_controller()
    {
        using var metrics = new MetricsCapture();
        await using var harness = new ControllerHarness("ctl-time", (_, _) => Done);
        harness.Start();
        await harness.List(TestObjects.ConfigMap("ns", "a"), TestObjects.ConfigMap("ns", "b"));
        await ControllerHarness.WaitUntil(() => metrics.Count("modelship_reconcile_time_seconds", ("controller", "ctl-time")) == 2);
    }

    [Fact]
    public async Task Stop_lets_the_in_flight_reconcile_finish_and_takes_no_new_work()
    {
        using var gate = new SemaphoreSlim(0);
        var finished = 0;
        await using var harness = new ControllerHarness("ctl-stop", async (_, _) =>
        {
            await gate.WaitAsync();
            Interlocked.Increment(ref finished);
            return ReconcileResult.Done;
        });
        harness.Start();
        await harness.List(TestObjects.ConfigMap("ns", "a"), TestObjects.ConfigMap("ns", "b"));
        await ControllerHarness.WaitUntil(() => harness.Calls.Count == 1);

        var stopped = harness.StopAsync();
        await Task.Delay(50);
        stopped.IsCompleted.Should().BeFalse("a reconcile is in flight");

        gate.Release(10);
        await stopped.WaitAsync(TimeSpan.FromSeconds(5));
        finished.Should().Be(1);
        harness.Calls.Should().HaveCount(1, "the queued 'b' is not started after stop");
    }

    [Fact]
    public async Task Stop_cancels_reconciles_that_outlive_the_shutdown_timeout()
    {
        var cancelled = false;
        await using var harness = new ControllerHarness("ctl-stop-timeout", async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }

            return ReconcileResult.Done;
        }, shutdownTimeout: TimeSpan.FromSeconds(10));
        harness.Start();
        await harness.List(TestObjects.ConfigMap("ns", "a"));
        await ControllerHarness.WaitUntil(() => harness.Calls.Count == 1);

        var stopped = harness.StopAsync();
        await ControllerHarness.WaitUntil(() => harness.Time.ArmedTimers > 0);
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        await stopped.WaitAsync(TimeSpan.FromSeconds(5));
        cancelled.Should().BeTrue();
    }

    [Fact]
    public async Task A_generation_predicate_ignores_status_only_updates()
    {
        await using var harness = new ControllerHarness("ctl-generation", (_, _) => Done, predicate: ChangePredicate.GenerationChanged);
        harness.Start();
        await harness.List(TestObjects.ConfigMap("ns", "a", generation: 1));
        await ControllerHarness.WaitUntil(() => harness.Calls.Count == 1);

        await harness.Change(ListWatchEventType.Modified, TestObjects.ConfigMap("ns", "a", resourceVersion: "2", generation: 1));
        await harness.Change(ListWatchEventType.Modified, TestObjects.ConfigMap("ns", "a", resourceVersion: "3", generation: 2));

        await ControllerHarness.WaitUntil(() => harness.Calls.Count == 2);
        await harness.Settle();
        await Task.Delay(50);
        harness.Calls.Should().HaveCount(2);
    }

    [Fact]
    public void Disposing_the_controller_disposes_a_reconciler_that_owns_resources()
    {
        var reconciler = new DisposableReconciler();
        var controller = new Controller(new ControllerOptions { Name = "disposal" }, reconciler, []);

        controller.Dispose();

        reconciler.Disposed.Should().BeTrue();
    }

    private sealed class DisposableReconciler : IReconciler, IDisposable
    {
        public bool Disposed { get; private set; }

        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken) => Done;

        public void Dispose() => Disposed = true;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
