using Modelship.Kubernetes.Queue;

namespace Modelship.Kubernetes.Tests.Queue;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan NotYet = TimeSpan.FromMilliseconds(100);
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task An_item_being_processed_is_not_handed_to_a_second_worker()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var first = await queue.GetAsync(CancellationToken.None);

        queue.Add("a");
        var second = queue.GetAsync(CancellationToken.None);
        await Task.Delay(NotYet);

        second.IsCompleted.Should().BeFalse("'a' is still being processed by the first worker");
        queue.Count.Should().Be(0);

        queue.Done(first.Item);

        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Item.Should().Be("a");
    }

    [Fact]
    public async Task Adds_while_processing_are_coalesced_into_exactly_one_more_pass()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var taken = await queue.GetAsync(CancellationToken.None);

        for (var i = 0; i < 10; i++)
        {
            queue.Add("a");
        }

        queue.Done(taken.Item);

        queue.Count.Should().Be(1);
        var again = await queue.GetAsync(CancellationToken.None);
        again.Item.Should().Be("a");
        queue.Done(again.Item);
        queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task Adds_of_a_queued_item_are_deduplicated_and_order_is_first_in_first_out()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        queue.Count.Should().Be(2);
        (await queue.GetAsync(CancellationToken.None)).Item.Should().Be("a");
        (await queue.GetAsync(CancellationToken.None)).Item.Should().Be("b");
    }

    [Fact]
    public async Task Add_after_waits_for_the_clock()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.Delayed.Should().Be(1);

        _time.Advance(TimeSpan.FromSeconds(9));
        queue.Count.Should().Be(0);

        _time.Advance(TimeSpan.FromSeconds(1));
        queue.Count.Should().Be(1);
        queue.Delayed.Should().Be(0);
        (await queue.GetAsync(CancellationToken.None)).Item.Should().Be("a");
    }

    [Fact]
    public void Add_after_keeps_the_earliest_time_for_an_item()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("a", TimeSpan.FromSeconds(20));
        queue.AddAfter("b", TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(3));
        queue.Count.Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(2));
        queue.Count.Should().Be(2);
        _time.Advance(TimeSpan.FromSeconds(30));
        queue.Count.Should().Be(2, "the later AddAfter of 'a' was merged into the earlier one");
    }

    [Fact]
    public void Add_after_zero_adds_at_once()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.Zero);
        queue.Count.Should().Be(1);
    }

    [Fact]
    public void Add_rate_limited_waits_the_backoff_and_forget_resets_it()
    {
        using var queue = NewQueue();
        queue.AddRateLimited("a");
        queue.Count.Should().Be(0);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        queue.Count.Should().Be(1);
        queue.NumRequeues("a").Should().Be(1);

        queue.AddRateLimited("b");
        queue.AddRateLimited("b");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        queue.Count.Should().Be(2, "the first retry of 'b' was due at 5 ms");
        queue.NumRequeues("b").Should().Be(2);

        queue.Forget("b");
        queue.NumRequeues("b").Should().Be(0);
    }

    [Fact]
    public async Task A_cancelled_get_does_not_swallow_the_next_item()
    {
        using var queue = NewQueue();
        using var cancel = new CancellationTokenSource();
        var abandoned = queue.GetAsync(cancel.Token);
        await cancel.CancelAsync();
        await abandoned.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();

        queue.Add("a");

        queue.Count.Should().Be(1);
        (await queue.GetAsync(CancellationToken.None)).Item.Should().Be("a");
    }

    [Fact]
    public async Task Shutdown_wakes_waiting_workers_and_hands_out_nothing_more()
    {
        using var queue = NewQueue();
        var waiting = queue.GetAsync(CancellationToken.None);
        queue.AddAfter("late", TimeSpan.FromSeconds(1));

        queue.ShutDown();

        (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).IsShutdown.Should().BeTrue();
        queue.Add("a");
        _time.Advance(TimeSpan.FromSeconds(2));
        queue.Count.Should().Be(0);
        (await queue.GetAsync(CancellationToken.None)).IsShutdown.Should().BeTrue();
    }

    [Fact]
    public async Task Shutdown_lets_in_flight_items_finish()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("b");
        var a = await queue.GetAsync(CancellationToken.None);

        queue.ShutDown();

        var drained = queue.WaitForInFlightAsync(CancellationToken.None);
        await Task.Delay(NotYet);
        drained.IsCompleted.Should().BeFalse("'a' is still in flight");
        (await queue.GetAsync(CancellationToken.None)).IsShutdown.Should().BeTrue("'b' is not handed out after shutdown");

        queue.Done(a.Item);

        await drained.WaitAsync(TimeSpan.FromSeconds(5));
        queue.InFlight.Should().Be(0);
    }

    [Fact]
    public async Task Many_workers_never_process_one_key_concurrently_and_every_add_is_seen()
    {
        using var queue = new WorkQueue<int>(new WorkQueueOptions<int> { Name = "stress", TimeProvider = TimeProvider.System });
        const int Keys = 20;
        var active = new int[Keys];
        var lastAdded = new int[Keys];
        var lastSeen = new int[Keys];
        var overlaps = 0;
        using var stop = new CancellationTokenSource();

        async Task Worker()
        {
            while (true)
            {
                var taken = await queue.GetAsync(CancellationToken.None);
                if (taken.IsShutdown)
                {
                    return;
                }

                var key = taken.Item;
                if (Interlocked.Increment(ref active[key]) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                // Read the version before yielding: adds that land during the await must cause another pass.
                Volatile.Write(ref lastSeen[key], Volatile.Read(ref lastAdded[key]));
                await Task.Yield();
                Interlocked.Decrement(ref active[key]);
                queue.Done(key);
            }
        }

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(Worker)).ToArray();
        var random = new Random(42);
        for (var i = 1; i <= 20_000; i++)
        {
            var key = random.Next(Keys);
            Interlocked.Exchange(ref lastAdded[key], i);
            queue.Add(key);
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((queue.Count > 0 || queue.InFlight > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        queue.ShutDown();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(10));

        overlaps.Should().Be(0);
        lastSeen.Should().Equal(lastAdded);
    }

    [Fact]
    public async Task Metrics_count_adds_retries_depth_and_queue_time_per_queue_name()
    {
        using var capture = new MetricsCapture();
        using var queue = new WorkQueue<string>(new WorkQueueOptions<string> { Name = "metrics-test", TimeProvider = _time });
        var name = ("name", "metrics-test");

        capture.Exists("modelship_workqueue_depth", name).Should().BeTrue("series are created at 0");
        capture.Exists("modelship_workqueue_retries_total", name).Should().BeTrue();

        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        capture.Sum("modelship_workqueue_adds_total", name).Should().Be(2);
        capture.Sum("modelship_workqueue_depth", name).Should().Be(2);

        _time.Advance(TimeSpan.FromSeconds(3));
        var taken = await queue.GetAsync(CancellationToken.None);
        capture.Sum("modelship_workqueue_depth", name).Should().Be(1);
        capture.Sum("modelship_workqueue_queue_duration_seconds", name).Should().Be(3);

        queue.Done(taken.Item);
        queue.AddRateLimited("a");
        capture.Sum("modelship_workqueue_retries_total", name).Should().Be(1);
    }

    private WorkQueue<string> NewQueue() =>
        new(new WorkQueueOptions<string> { Name = "test", TimeProvider = _time });
}
