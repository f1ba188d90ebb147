using System.Globalization;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.Comparison;

/// <summary>
/// Pure: whether a candidate's value of a metric is comparable or better than the champion's, within the regression
/// a check allows (an amount, or a fraction of the champion's value). Registry checks and Traffic checks both end here.
/// </summary>
public static class MetricRegression
{
    // Metrics are compared as doubles read from JSON; a regression within this of the allowed one passes.
    private const double Tolerance = 1e-12;

    public static RefreshCheckResult Compare(string name, double champion, double candidate, double maxRegression, bool relative, bool lowerIsBetter)
    {
        ArgumentNullException.ThrowIfNull(name);
        var regression = lowerIsBetter ? candidate - champion : champion - candidate;
        var allowed = relative ? maxRegression * Math.Abs(champion) : maxRegression;
        var passes = regression <= allowed + Tolerance;
        var allowedText = relative
            ? $"{Format(maxRegression * 100)}% of the champion's = {Format(allowed)}"
            : Format(allowed);
        return new RefreshCheckResult
        {
            Name = name,
            Champion = champion,
            Candidate = candidate,
            Verdict = passes ? RefreshCheckVerdict.Passed : RefreshCheckVerdict.Failed,
            Message = regression <= 0
                ? $"{name}: {Format(candidate)} vs champion {Format(champion)}, no regression"
                : $"{name}: {Format(candidate)} vs champion {Format(champion)}, regression {Format(regression)} {(passes ? "within" : "exceeds")} the allowed {allowedText}",
        };
    }

    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
