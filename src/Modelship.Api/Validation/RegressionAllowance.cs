using System.Globalization;

namespace Modelship.Api.Validation;

/// <summary>
/// How much worse than the champion a candidate may be, as the comparison fields of spec.rollout.analysis write it:
/// an amount of the metric ("0.01", or a duration such as "50ms" for a latency, in seconds) or a percentage of the
/// champion's value ("10%", read as the fraction 0.1). The same two readings as a RefreshSchedule metric check's
/// maxRegression with relative false or true.
/// </summary>
/// <param name="Amount">The allowed regression: in the metric's unit, or a fraction of the champion's value when <paramref name="Relative"/>.</param>
public sealed record RegressionAllowance(double Amount, bool Relative)
{
    /// <summary>A number ("0.01") or a percentage ("10%").</summary>
    public static bool TryParseAmount(string? text, out RegressionAllowance allowance) =>
        TryParse(text, durationAmount: false, out allowance);

    /// <summary>A duration ("50ms", "1s") or a percentage ("10%"); a duration is read in seconds.</summary>
    public static bool TryParseDuration(string? text, out RegressionAllowance allowance) =>
        TryParse(text, durationAmount: true, out allowance);

    private static bool TryParse(string? text, bool durationAmount, out RegressionAllowance allowance)
    {
        allowance = new RegressionAllowance(0, false);
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (text.EndsWith('%'))
        {
            if (!TryNumber(text[..^1], out var percent))
            {
                return false;
            }
            allowance = new RegressionAllowance(percent / 100, true);
            return true;
        }
        if (durationAmount)
        {
            if (!DurationParser.TryParse(text, out var duration))
            {
                return false;
            }
            allowance = new RegressionAllowance(duration.TotalSeconds, false);
            return true;
        }
        if (!TryNumber(text, out var amount))
        {
            return false;
        }
        allowance = new RegressionAllowance(amount, false);
        return true;
    }

    /// <summary>Digits and a decimal point only: no sign, exponent, NaN or infinity.</summary>
    private static bool TryNumber(string text, out double value)
    {
        value = 0;
        return text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c == '.')
            && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
