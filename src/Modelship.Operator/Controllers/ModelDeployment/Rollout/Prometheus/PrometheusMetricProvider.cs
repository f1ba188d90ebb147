using System.Globalization;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout.Prometheus;

/// <summary>
/// Evaluates spec.rollout.analysis.metrics entries of provider <c>prometheus</c> with the HTTP API
/// (<c>GET {address}/api/v1/query?query=...</c>): a value outside the threshold range fails the step, no value
/// (an unreachable server, an error, no or several series, NaN) leaves it inconclusive with the reason.
/// </summary>
public sealed class PrometheusMetricProvider(HttpClient http)
{
    public async Task<AnalysisVerdict> EvaluateAsync(AnalysisMetric metric, PrometheusQueryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(context);
        if (metric.Prometheus is not { } source)
        {
            return AnalysisVerdict.Failing($"metric {metric.Name}: no provider (set prometheus)");
        }
        var (query, problem) = PrometheusQueryTemplate.Render(source.Query, context);
        if (query is null)
        {
            return AnalysisVerdict.Failing($"metric {metric.Name}: {problem}");
        }
        if (!Uri.TryCreate(source.Address.TrimEnd('/') + "/api/v1/query?query=" + Uri.EscapeDataString(query), UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https"))
        {
            return AnalysisVerdict.Failing($"metric {metric.Name}: address '{source.Address}' is not an http or https URL");
        }
        string body;
        try
        {
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return AnalysisVerdict.Inconclusive($"metric {metric.Name}: Prometheus at {source.Address} unreachable: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AnalysisVerdict.Inconclusive($"metric {metric.Name}: Prometheus at {source.Address} timed out");
        }
        var (value, why) = PrometheusQueryResult.Read(body);
        return value is { } measured
            ? Judge(metric.Name, measured, metric.ThresholdRange)
            : AnalysisVerdict.Inconclusive($"metric {metric.Name}: {why}");
    }

    /// <summary>Pure: passing within the inclusive range, failing outside it with the value and the bound.</summary>
    public static AnalysisVerdict Judge(string name, double value, MetricThresholdRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.Min is { } min && value < min)
        {
            return AnalysisVerdict.Failing(Text($"metric {name} {value:G6} below thresholdRange.min {min:G6}"));
        }
        return range.Max is { } max && value > max
            ? AnalysisVerdict.Failing(Text($"metric {name} {value:G6} above thresholdRange.max {max:G6}"))
            : AnalysisVerdict.Passing(Text($"metric {name} {value:G6}"));
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
