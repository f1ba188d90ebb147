using Modelship.Api.Scheduling;

namespace Modelship.Operator.Controllers.RefreshSchedule;

/// <summary>What the schedule asks for now.</summary>
public enum ScheduleAction
{
    /// <summary>No run is due; wait until <see cref="ScheduleDecision.Next"/>.</summary>
    Wait,

    /// <summary>Run for <see cref="ScheduleDecision.ScheduledTime"/> now.</summary>
    Run,

    /// <summary>The run for <see cref="ScheduleDecision.ScheduledTime"/> was missed by more than startingDeadlineSeconds: record it as skipped.</summary>
    SkipMissed,

    /// <summary>spec.suspend is true: nothing is scheduled.</summary>
    Suspended,
}

/// <param name="Action">What to do now.</param>
/// <param name="ScheduledTime">The scheduled time a run or a skip is for (the latest one due).</param>
/// <param name="Next">The next scheduled time after now; null when suspended or when the expression has no future time.</param>
/// <param name="MissedEarlier">Scheduled times before <paramref name="ScheduledTime"/> that were never run (only the latest due one runs, as CronJob does).</param>
public sealed record ScheduleDecision(ScheduleAction Action, DateTimeOffset? ScheduledTime, DateTimeOffset? Next, int MissedEarlier = 0);

/// <param name="Now">The current time.</param>
/// <param name="CreationTime">metadata.creationTimestamp: no run is due for a time before the object existed.</param>
/// <param name="LastScheduleTime">status.lastScheduleTime: the scheduled time of the last run or skip.</param>
/// <param name="StartingDeadline">spec.startingDeadlineSeconds; null: a late run always starts.</param>
/// <param name="Suspend">spec.suspend.</param>
public sealed record ScheduleFacts(DateTimeOffset Now, DateTimeOffset CreationTime, DateTimeOffset? LastScheduleTime, TimeSpan? StartingDeadline, bool Suspend);

/// <summary>
/// When a RefreshSchedule runs, decided as the CronJob controller does: the latest scheduled time after the last one
/// handled (or the creation) and not after now is due; it runs unless it is older than the starting deadline, in which
/// case it is skipped and the next one awaited. Earlier missed times are not run (one run catches up). Pure: the
/// clock is a parameter, and the time zone (with its daylight-saving rules) comes with the parsed schedule.
/// </summary>
public static class RefreshScheduling
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(200);

    public static ScheduleDecision Decide(CronSchedule schedule, ScheduleFacts facts)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Suspend)
        {
            return new ScheduleDecision(ScheduleAction.Suspended, null, null);
        }
        var next = schedule.Next(facts.Now);
        var earliest = facts.LastScheduleTime is { } last && last > facts.CreationTime ? last : facts.CreationTime;
        DateTimeOffset? latestDue = null;
        var due = 0;
        foreach (var time in schedule.Between(earliest, facts.Now))
        {
            latestDue = time;
            due++;
        }
        if (latestDue is not { } scheduled)
        {
            return new ScheduleDecision(ScheduleAction.Wait, null, next);
        }
        if (facts.StartingDeadline is { } deadline && scheduled + deadline < facts.Now)
        {
            return new ScheduleDecision(ScheduleAction.SkipMissed, scheduled, next, due - 1);
        }
        return new ScheduleDecision(ScheduleAction.Run, scheduled, next, due - 1);
    }

    /// <summary>How long to wait before looking again: until the next scheduled time, never less than a moment (a
    /// timer that fires a little early finds nothing due and waits the rest).</summary>
    public static TimeSpan? WaitBeforeNext(ScheduleDecision decision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Next is not { } next)
        {
            return null;
        }
        var wait = next - now;
        return wait < MinimumWait ? MinimumWait : wait;
    }
}
