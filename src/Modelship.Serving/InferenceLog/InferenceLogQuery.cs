using System.Globalization;

namespace Modelship.Serving.InferenceLog;

/// <summary>Tests one log line against a query.</summary>
public delegate bool LogLineFilter(ReadOnlySpan<byte> line);

/// <summary>
/// Which entries a query or an export returns: <see cref="Start"/> inclusive, <see cref="End"/> exclusive, both on the
/// entry's <c>time</c>; <see cref="Valid"/> when given; at most <see cref="Limit"/> (queries only).
/// </summary>
public sealed record InferenceLogQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public int Limit { get; init; } = DefaultLimit;

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    public bool? Valid { get; init; }

    /// <summary>Only pipeline entries in which this step ran.</summary>
    public string? Step { get; init; }

    /// <summary>Lines that are not log entries (e.g. torn by a crash) never match.</summary>
    public bool Matches(ReadOnlySpan<byte> line) =>
        InferenceLogLine.TryReadFilterFields(line, out var time, out var valid)
        && (Start is not { } start || time >= start)
        && (End is not { } end || time < end)
        && (Valid is not { } wanted || valid == wanted)
        && (Step is not { } step || StepLogLines.HasStep(line, step));

    /// <summary>Reads <c>limit</c>, <c>start</c>, <c>end</c> and <c>valid</c>; returns the reason when one is malformed.</summary>
    public static bool TryParse(Func<string, string?> parameter, out InferenceLogQuery query, out string? error)
    {
        query = new InferenceLogQuery();
        error = null;
        if (parameter("limit") is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > MaxLimit)
            {
                error = $"limit must be a whole number from 1 to {MaxLimit}, not '{limitText}'";
                return false;
            }
            query = query with { Limit = limit };
        }
        if (!TryParseTime(parameter, "start", out var start, ref error) || !TryParseTime(parameter, "end", out var end, ref error))
        {
            return false;
        }
        query = query with { Start = start, End = end };
        if (start is not null && end is not null && end <= start)
        {
            error = "end must be after start";
            return false;
        }
        if (parameter("valid") is { } validText)
        {
            if (!bool.TryParse(validText, out var valid))
            {
                error = $"valid must be true or false, not '{validText}'";
                return false;
            }
            query = query with { Valid = valid };
        }
        if (parameter("step") is { Length: > 0 } step)
        {
            query = query with { Step = step };
        }
        return true;
    }

    /// <summary>Parses an ISO 8601 time; one without an offset is taken as UTC.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out time);

    private static bool TryParseTime(Func<string, string?> parameter, string name, out DateTimeOffset? time, ref string? error)
    {
        time = null;
        if (parameter(name) is not { } text)
        {
            return true;
        }
        if (!TryParseTime(text, out var parsed))
        {
            error = $"{name} must be an ISO 8601 time such as 2026-01-31T12:00:00Z, not '{text}' (encode '+' as %2B)";
            return false;
        }
        time = parsed;
        return true;
    }
}
