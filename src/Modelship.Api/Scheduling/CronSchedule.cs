using Cronos;

namespace Modelship.Api.Scheduling;

/// <summary>
/// A parsed spec.schedule and spec.timeZone of a RefreshSchedule. The validator and the scheduler parse through
/// here, so a schedule that validates is one the scheduler can run.
/// </summary>
public sealed record CronSchedule(CronExpression Expression, TimeZoneInfo TimeZone)
{
    /// <summary>The next scheduled time strictly after <paramref name="after"/>, or null when there is none (e.g. 30 February).</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => Expression.GetNextOccurrence(after, TimeZone, inclusive: false);

    /// <summary>The scheduled times in (<paramref name="from"/>, <paramref name="to"/>], in order.</summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset from, DateTimeOffset to) =>
        from >= to ? [] : Expression.GetOccurrences(from, to, TimeZone, fromInclusive: false, toInclusive: true);

    /// <summary>Parses a 5-field cron expression (or @hourly, @daily, @weekly, @monthly, @yearly...) and an IANA zone (null: UTC).</summary>
    public static bool TryParse(string? schedule, string? timeZone, out CronSchedule? parsed, out string? scheduleError, out string? timeZoneError)
    {
        parsed = null;
        scheduleError = ParseExpression(schedule, out var expression);
        timeZoneError = ParseTimeZone(timeZone, out var zone);
        if (scheduleError is null && timeZoneError is null)
        {
            parsed = new CronSchedule(expression!, zone!);
        }
        return parsed is not null;
    }

    private static string? ParseExpression(string? schedule, out CronExpression? expression)
    {
        expression = null;
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return "is required";
        }
        try
        {
            expression = CronExpression.Parse(schedule.Trim(), CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return $"\"{schedule}\" is not a cron expression of 5 fields (minute hour day-of-month month day-of-week) or a macro such as @daily: {e.Message}";
        }
    }

    private static string? ParseTimeZone(string? timeZone, out TimeZoneInfo? zone)
    {
        zone = null;
        if (timeZone is null)
        {
            zone = TimeZoneInfo.Utc;
            return null;
        }
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            return "must be an IANA time zone name such as Europe/Berlin, or absent for UTC";
        }
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
            return null;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return $"\"{timeZone}\" is not a known IANA time zone (such as Europe/Berlin or America/New_York)";
        }
    }
}
