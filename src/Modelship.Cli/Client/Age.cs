using System.Globalization;

namespace Modelship.Cli.Client;

/// <summary>The AGE column, rounded like kubectl's (apimachinery's HumanDuration): 45s, 5m30s, 3h, 2d4h, 400d (pure).</summary>
public static class Age
{
    public static string Format(DateTime? created, DateTimeOffset now)
    {
        if (created is not { } time)
        {
            return TextTable.None;
        }
        var age = now - new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        return Format(age < TimeSpan.Zero ? TimeSpan.Zero : age);
    }

    public static string Format(TimeSpan age)
    {
        var seconds = (long)age.TotalSeconds;
        var minutes = seconds / 60;
        var hours = minutes / 60;
        var days = hours / 24;
        return seconds switch
        {
            < 120 => Invariant($"{seconds}s"),
            _ when minutes < 10 => seconds % 60 == 0 ? Invariant($"{minutes}m") : Invariant($"{minutes}m{seconds % 60}s"),
            _ when minutes < 3 * 60 => Invariant($"{minutes}m"),
            _ when hours < 8 => minutes % 60 == 0 ? Invariant($"{hours}h") : Invariant($"{hours}h{minutes % 60}m"),
            _ when hours < 48 => Invariant($"{hours}h"),
            _ when hours < 8 * 24 => hours % 24 == 0 ? Invariant($"{days}d") : Invariant($"{days}d{hours % 24}h"),
            _ when days < 2 * 365 => Invariant($"{days}d"),
            _ when days < 8 * 365 => days % 365 == 0 ? Invariant($"{days / 365}y") : Invariant($"{days / 365}y{days % 365}d"),
            _ => Invariant($"{days / 365}y"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
