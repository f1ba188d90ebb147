using System.Globalization;
using System.Text.RegularExpressions;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout.Prometheus;

/// <summary>What a metric query's placeholders stand for at the end of a step's window.</summary>
/// <param name="Window">How long the step's window lasted.</param>
public sealed record PrometheusQueryContext(TimeSpan Window, string Version, string Namespace, string Name);

/// <summary>
/// Pure: renders a query of spec.rollout.analysis.metrics, like Flagger's metric templates: <c>{{ window }}</c>,
/// <c>{{ version }}</c>, <c>{{ namespace }}</c> and <c>{{ name }}</c>, spaces inside the braces optional. Other text,
/// PromQL's own braces included, is left as it is; an unknown placeholder is reported rather than sent.
/// </summary>
public static partial class PrometheusQueryTemplate
{
    /// <returns>The query, or null and the unknown placeholder.</returns>
    public static (string? Query, string? Problem) Render(string template, PrometheusQueryContext context)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(context);
        string? unknown = null;
        var rendered = Placeholder().Replace(template, match =>
        {
            switch (match.Groups["name"].Value)
            {
                case "window":
                    return Duration(context.Window);
                case "version":
                    return context.Version;
                case "namespace":
                    return context.Namespace;
                case "name":
                    return context.Name;
                default:
                    unknown ??= match.Value;
                    return match.Value;
            }
        });
        return unknown is null ? (rendered, null) : (null, $"unknown placeholder {unknown}; use {{{{ window }}}}, {{{{ version }}}}, {{{{ namespace }}}} or {{{{ name }}}}");
    }

    /// <summary>A PromQL duration in whole seconds, rounded up, at least 1s (a range selector of 0s selects nothing).</summary>
    public static string Duration(TimeSpan window) =>
        Math.Max(1, (long)Math.Ceiling(window.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
