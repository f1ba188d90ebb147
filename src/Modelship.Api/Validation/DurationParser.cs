using System.Globalization;
using System.Text.RegularExpressions;

namespace Modelship.Api.Validation;

/// <summary>Reads duration fields (<see cref="V1Alpha1.Duration.Pattern"/>): Go-style sums such as <c>1m30s</c> or <c>250ms</c>.</summary>
public static partial class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !WholeDuration().IsMatch(text))
        {
            return false;
        }
        double milliseconds = 0;
        foreach (Match part in DurationPart().Matches(text))
        {
            var amount = double.Parse(part.Groups["amount"].Value, CultureInfo.InvariantCulture);
            milliseconds += part.Groups["unit"].Value switch
            {
                "ms" => amount,
                "s" => amount * 1_000,
                "m" => amount * 60_000,
                _ => amount * 3_600_000,
            };
        }
        if (milliseconds > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }
        duration = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    [GeneratedRegex(V1Alpha1.Duration.Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex WholeDuration();

    [GeneratedRegex("(?<amount>[0-9]+(\\.[0-9]+)?)(?<unit>ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();
}
