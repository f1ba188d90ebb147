using System.Collections.Concurrent;
using Modelship.Cli.LocalRun.Refresh;

namespace Modelship.Cli.Tests.LocalRun.Refresh;

public sealed class LocalRefreshLoopTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-refresh-loop-").FullName;
    private readonly ConcurrentQueue<RefreshTrigger> _runs = new();
    private readonly CancellationTokenSource _stop = new();

    public LocalRefreshLoopTests() => Directory.CreateDirectory(Path.Combine(_directory, "versions"));

    public void Dispose()
    {
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Runs_at_each_scheduled_time_of_the_cron_in_its_time_zone()
    {
        // 02:00 in Berlin; the schedule says 03:00 Berlin time, 02:00 UTC.
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));
        var loop = Start(new LocalRefreshLoop(Schedule("0 3 * * *", "  timeZone: Europe/Berlin"), time));

        await Eventually.HoldsAsync(() => time.ArmedTimers == 1, "the loop waits for 03:00 Berlin time");
        time.Advance(TimeSpan.FromHours(1));
        await Eventually.HoldsAsync(() => _runs.Count == 1, "the run at 03:00 Berlin time");
        await Eventually.HoldsAsync(() => time.ArmedTimers == 1, "the loop waits for the next day");
        time.Advance(TimeSpan.FromDays(1));
        await Eventually.HoldsAsync(() => _runs.Count == 2, "the run a day later");

        _runs.Should().Equal(
            new RefreshTrigger(RefreshTriggerKind.Scheduled, new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero)),
            new RefreshTrigger(RefreshTriggerKind.Scheduled, new DateTimeOffset(2026, 12, 8, 2, 0, 0, TimeSpan.Zero)));
        await StopAsync(loop);
    }

    [Fact]
    public async Task A_change_in_the_directory_starts_a_run_once_it_has_been_quiet_for_the_debounce()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));
        var schedule = Schedule("0 0 1 1 *");
        using var changes = new DirectoryChangeSignal(schedule.Directory!, TimeSpan.FromMilliseconds(500), time);
        var loop = Start(new LocalRefreshLoop(schedule, time, changes));
        await Eventually.HoldsAsync(() => time.ArmedTimers == 1, "the loop waits for next new year");

        File.WriteAllText(Path.Combine(schedule.Directory!, "iris-v2.onnx.metadata.json"), "{}");
        File.WriteAllText(Path.Combine(schedule.Directory!, "iris-v2.onnx"), "model");
        await Eventually.HoldsAsync(() => time.ArmedTimers == 2, "the watcher saw the files and armed its quiet period");
        time.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.HoldsAsync(() => _runs.Count == 1, "a run once the directory was quiet for 500 ms");

        _runs.Single().Should().Be(new RefreshTrigger(RefreshTriggerKind.DirectoryChanged));
        await StopAsync(loop);
    }

    private Task Start(LocalRefreshLoop loop) => Task.Run(() => loop.RunAsync((trigger, _) =>
    {
        _runs.Enqueue(trigger);
        return Task.CompletedTask;
    }, _stop.Token));

    private async Task StopAsync(Task loop)
    {
        await _stop.CancelAsync();
        var stopped = async () => await loop;
        await stopped.Should().ThrowAsync<OperationCanceledException>();
    }

    private LocalRefreshSchedule Schedule(string cron, string specLines = "")
    {
        var manifest = RefreshManifests.Read(_directory, RefreshManifests.Deployment, RefreshManifests.Schedule(schedule: cron, specLines: specLines));
        return LocalRefreshSchedule.From(manifest.Schedules.Single(), manifest.Deployment.Document);
    }
}
