using Modelship.Api.Scheduling;
using Modelship.Operator.Controllers.RefreshSchedule;

namespace Modelship.Operator.Tests.RefreshSchedule;

/// <summary>When a RefreshSchedule runs, with the clock as a parameter: CronJob's rules, time zones and DST.</summary>
public class RefreshSchedulingTests
{
    private static readonly DateTimeOffset Created = Utc("2026-03-01T00:00:00Z");

    private static CronSchedule Parse(string expression, string? zone = null)
    {
        CronSchedule.TryParse(expression, zone, out var schedule, out var scheduleError, out var zoneError).Should().BeTrue($"{scheduleError}{zoneError}");
        return schedule!;
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static ScheduleDecision Decide(string expression, string now, string? last = null, long? deadlineSeconds = null, bool suspend = false, string? zone = null) =>
        RefreshScheduling.Decide(Parse(expression, zone), new ScheduleFacts(
            Utc(now),
            Created,
            last is null ? null : Utc(last),
            deadlineSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
            suspend));

    public static TheoryData<string, string, string?, long?, ScheduleAction, string?, string?> Cases => new()
    {
        // expression, now, lastScheduleTime, deadline, action, scheduled time, next
        { "0 * * * *", "2026-03-01T00:30:00Z", null, null, ScheduleAction.Wait, null, "2026-03-01T01:00:00Z" },
        { "0 * * * *", "2026-03-01T01:00:00Z", null, null, ScheduleAction.Run, "2026-03-01T01:00:00Z", "2026-03-01T02:00:00Z" },
        { "0 * * * *", "2026-03-01T01:00:05Z", "2026-03-01T01:00:00Z", null, ScheduleAction.Wait, null, "2026-03-01T02:00:00Z" },
        // Late within the deadline: runs for the latest scheduled time.
        { "0 * * * *", "2026-03-01T02:00:30Z", "2026-03-01T01:00:00Z", 60L, ScheduleAction.Run, "2026-03-01T02:00:00Z", "2026-03-01T03:00:00Z" },
        // Missed by more than the deadline (the operator was down): skipped, the next one awaited.
        { "0 * * * *", "2026-03-01T02:05:00Z", "2026-03-01T01:00:00Z", 60L, ScheduleAction.SkipMissed, "2026-03-01T02:00:00Z", "2026-03-01T03:00:00Z" },
        // Without a deadline a late run always starts.
        { "0 * * * *", "2026-03-01T05:59:00Z", "2026-03-01T01:00:00Z", null, ScheduleAction.Run, "2026-03-01T05:00:00Z", "2026-03-01T06:00:00Z" },
        { "@daily", "2026-03-02T00:00:00Z", null, null, ScheduleAction.Run, "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z" },
        { "@weekly", "2026-03-01T12:00:00Z", null, null, ScheduleAction.Wait, null, "2026-03-08T00:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_like_a_cronjob(string expression, string now, string? last, long? deadline, ScheduleAction action, string? scheduled, string? next)
    {
        var decision = Decide(expression, now, last, deadline);
        decision.Action.Should().Be(action);
        decision.ScheduledTime.Should().Be(scheduled is null ? null : Utc(scheduled));
        decision.Next.Should().Be(next is null ? null : Utc(next));
    }

    [Fact]
    public void Counts_the_earlier_missed_times_and_runs_only_the_latest()
    {
        var decision = Decide("*/10 * * * *", "2026-03-01T01:05:00Z", last: "2026-03-01T00:20:00Z");
        decision.Action.Should().Be(ScheduleAction.Run);
        decision.ScheduledTime.Should().Be(Utc("2026-03-01T01:00:00Z"));
        decision.MissedEarlier.Should().Be(3, "00:30, 00:40 and 00:50 were never run");
    }

    [Fact]
    public void Nothing_is_due_before_the_object_existed()
    {
        Decide("0 0 * * *", "2026-03-01T00:00:00Z").Action.Should().Be(ScheduleAction.Wait, "midnight is the creation time itself, not after it");
    }

    [Fact]
    public void Suspended_schedules_nothing()
    {
        var decision = Decide("* * * * *", "2026-03-01T05:00:00Z", suspend: true);
        decision.Should().Be(new ScheduleDecision(ScheduleAction.Suspended, null, null));
        RefreshScheduling.WaitBeforeNext(decision, Utc("2026-03-01T05:00:00Z")).Should().BeNull();
    }

    [Fact]
    public void Waits_until_the_next_time_and_never_less_than_a_moment()
    {
        var now = Utc("2026-03-01T00:30:00Z");
        RefreshScheduling.WaitBeforeNext(Decide("0 * * * *", "2026-03-01T00:30:00Z"), now).Should().Be(TimeSpan.FromMinutes(30));
        var early = new ScheduleDecision(ScheduleAction.Wait, null, now.AddMilliseconds(5));
        RefreshScheduling.WaitBeforeNext(early, now).Should().Be(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Berlin_spring_forward_runs_a_skipped_local_time_at_the_transition()
    {
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST, so 02:30 local does not exist that day.
        var schedule = Parse("30 2 * * *", "Europe/Berlin");
        var before = Utc("2026-03-28T12:00:00Z");
        schedule.Next(Utc("2026-03-27T12:00:00Z")).Should().Be(Utc("2026-03-28T01:30:00Z"), "02:30 CET is 01:30 UTC");
        schedule.Next(before).Should().Be(Utc("2026-03-29T01:00:00Z"), "the skipped 02:30 runs at the transition (03:00 CEST = 01:00 UTC)");
        schedule.Next(Utc("2026-03-29T12:00:00Z")).Should().Be(Utc("2026-03-30T00:30:00Z"), "02:30 CEST is 00:30 UTC");
    }

    [Fact]
    public void Berlin_fall_back_runs_a_repeated_local_time_once()
    {
        // 2026-10-25: 03:00 CEST falls back to 02:00 CET, so 02:30 local happens twice.
        var schedule = Parse("30 2 * * *", "Europe/Berlin");
        var runs = schedule.Between(Utc("2026-10-24T12:00:00Z"), Utc("2026-10-26T12:00:00Z")).ToList();
        runs.Should().Equal(Utc("2026-10-25T00:30:00Z"), Utc("2026-10-26T01:30:00Z"));
    }

    [Fact]
    public void New_York_daylight_saving_moves_the_utc_time_of_a_daily_run()
    {
        // 2026-03-08 02:00 EST -> 03:00 EDT.
        var decision = RefreshScheduling.Decide(Parse("0 3 * * *", "America/New_York"), new ScheduleFacts(
            Utc("2026-03-08T07:00:30Z"), Created, Utc("2026-03-07T08:00:00Z"), TimeSpan.FromMinutes(5), false));
        decision.Action.Should().Be(ScheduleAction.Run, "03:00 EDT on the 8th is 07:00 UTC, the day before it was 08:00 UTC");
        decision.ScheduledTime.Should().Be(Utc("2026-03-08T07:00:00Z"));
        decision.Next.Should().Be(Utc("2026-03-09T07:00:00Z"));
    }

    [Fact]
    public void New_York_fall_back_keeps_an_hourly_schedule_hourly()
    {
        // 2026-11-01 02:00 EDT -> 01:00 EST: the 01:00 local hour happens twice, every hour still runs once.
        var schedule = Parse("0 * * * *", "America/New_York");
        var runs = schedule.Between(Utc("2026-11-01T04:30:00Z"), Utc("2026-11-01T07:30:00Z")).ToList();
        runs.Should().Equal(Utc("2026-11-01T05:00:00Z"), Utc("2026-11-01T06:00:00Z"), Utc("2026-11-01T07:00:00Z"));
    }
}
