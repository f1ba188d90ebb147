using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public class BackgroundWorkQueueTests
{
    [Fact]
    public async Task A_sleeping_worker_is_woken_by_an_added_item()
    {
        var queue = new BackgroundWorkQueue<int>(capacity: 4);
        var taken = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = new Thread(() =>
        {
            while (queue.WaitForItems())
            {
                if (queue.TryTake(out var item))
                {
                    taken.TrySetResult(item);
                    return;
                }
            }
        })
        { IsBackground = true };
        worker.Start();
        await Task.Delay(100); // let it fall asleep

        queue.TryAdd(7).Should().BeTrue();

        (await taken.Task.WaitAsync(BackgroundWorkQueue<int>.RecheckInterval * 4)).Should().Be(7);
    }

    [Fact]
    public async Task With_a_poll_interval_adding_wakes_no_one_and_the_worker_takes_what_came_in_one_batch()
    {
        var queue = new BackgroundWorkQueue<int>(capacity: 8, pollInterval: TimeSpan.FromSeconds(2));
        var batches = new System.Collections.Concurrent.ConcurrentQueue<int[]>();
        var worker = new Thread(() =>
        {
            while (queue.WaitForItems())
            {
                var batch = new List<int>();
                while (queue.TryTake(out var item))
                {
                    batch.Add(item);
                }
                batches.Enqueue([.. batch]);
            }
        })
        { IsBackground = true };
        worker.Start();
        await Task.Delay(100); // let it fall asleep

        foreach (var item in new[] { 1, 2, 3 })
        {
            queue.TryAdd(item).Should().BeTrue();
        }
        await Task.Delay(300);

        batches.Should().BeEmpty("adding does not wake the worker; it looks again after its poll interval");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (batches.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        batches.Should().ContainSingle().Which.Should().Equal(1, 2, 3);
        queue.Complete();
        worker.Join(TimeSpan.FromSeconds(5)).Should().BeTrue();
    }

    [Fact]
    public void Adding_never_waits_for_a_worker_that_holds_the_queue_and_a_full_queue_refuses()
    {
        var queue = new BackgroundWorkQueue<int>(capacity: 2);
        var sleepers = Enumerable.Range(0, 4).Select(_ => new Thread(() => queue.WaitForItems()) { IsBackground = true }).ToList();
        sleepers.ForEach(thread => thread.Start());

        var added = Enumerable.Range(0, 3).Select(queue.TryAdd).ToList();

        added.Should().Equal(true, true, false);
        queue.Count.Should().Be(2);
        queue.Complete();
        sleepers.ForEach(thread => thread.Join(TimeSpan.FromSeconds(5)).Should().BeTrue());
    }

    [Fact]
    public void Completing_wakes_every_worker_and_refuses_new_items()
    {
        var queue = new BackgroundWorkQueue<int>(capacity: 2);
        var results = new bool[3];
        var workers = Enumerable.Range(0, 3).Select(i => new Thread(() => results[i] = queue.WaitForItems()) { IsBackground = true }).ToList();
        workers.ForEach(thread => thread.Start());
        Thread.Sleep(100);

        queue.Complete();

        workers.ForEach(thread => thread.Join(TimeSpan.FromSeconds(5)).Should().BeTrue());
        results.Should().AllBeEquivalentTo(false);
        queue.TryAdd(1).Should().BeFalse();
    }
}
