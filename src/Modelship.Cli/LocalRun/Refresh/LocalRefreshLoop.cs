using Modelship.Operator.Controllers.RefreshSchedule;

namespace Modelship.Cli.LocalRun.Refresh;

/// <summary>
/// When a RefreshSchedule of a local run runs: at its scheduled times, decided by the operator's
/// <see cref="RefreshScheduling"/> (cron, time zone, suspend, startingDeadlineSeconds; the run's start stands for the
/// object's creation, and the last scheduled time is kept in memory), and whenever <paramref name="changes"/> signals.
/// It waits on the injected <see cref="TimeProvider"/>; a suspended schedule never runs.
/// </summary>
public sealed class LocalRefreshLoop(LocalRefreshSchedule schedule, TimeProvider time, DirectoryChangeSignal? changes = null)
{
    /// <summary>Calls <paramref name="run"/> for each run, one at a time, until <paramref name="cancellationToken"/> fires (then throws <see cref="OperationCanceledException"/>).</summary>
    public async Task RunAsync(Func<RefreshTrigger, CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var started = time.GetUtcNow();
        DateTimeOffset? lastScheduleTime = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = time.GetUtcNow();
            var decision = RefreshScheduling.Decide(schedule.Cron, new ScheduleFacts(now, started, lastScheduleTime, schedule.StartingDeadline, schedule.Suspend));
            switch (decision.Action)
            {
                case ScheduleAction.Suspended:
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                    break;
                case ScheduleAction.Run:
                    lastScheduleTime = decision.ScheduledTime;
                    await run(new RefreshTrigger(RefreshTriggerKind.Scheduled, decision.ScheduledTime), cancellationToken).ConfigureAwait(false);
                    break;
                case ScheduleAction.SkipMissed:
                    lastScheduleTime = decision.ScheduledTime;
                    await run(new RefreshTrigger(RefreshTriggerKind.Missed, decision.ScheduledTime), cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    if (await NextIsChangeAsync(RefreshScheduling.WaitBeforeNext(decision, now), cancellationToken).ConfigureAwait(false))
                    {
                        await run(new RefreshTrigger(RefreshTriggerKind.DirectoryChanged), cancellationToken).ConfigureAwait(false);
                    }
                    break;
            }
        }
    }

    /// <summary>Waits for the scheduled time (false) or a change of the directory (true), whichever comes first.</summary>
    private async Task<bool> NextIsChangeAsync(TimeSpan? untilNext, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var scheduled = Task.Delay(untilNext ?? Timeout.InfiniteTimeSpan, time, waiting.Token);
        var changed = changes?.WaitAsync(waiting.Token) ?? Task.Delay(Timeout.InfiniteTimeSpan, waiting.Token);
        var first = await Task.WhenAny(scheduled, changed).ConfigureAwait(false);
        await waiting.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        await first.ConfigureAwait(false);
        return first == changed && changes!.TryTake();
    }
}
