using System.Globalization;
using System.Text.RegularExpressions;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>
/// Judges a canary from the routers' <c>/metrics</c> behind the endpoint Service: the error rate of the canary
/// version is its 5xx answers over all its answers in <c>modelship_requests_total</c>. Thresholds this source does
/// not measure (latency, shadow agreement) are reported, not silently passed.
/// </summary>
public sealed partial class RouterMetricsAnalysis(HttpClient http, ModelDeploymentBuildOptions options) : IRolloutAnalysis
{
    /// <summary>Fewer canary answers than this give no verdict yet.</summary>
    public const long MinimumRequests = 20;

    public async Task<AnalysisVerdict> EvaluateAsync(MD deployment, string canaryBackend, RolloutAnalysis analysis, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await http.GetStringAsync(new Uri(EndpointServiceBuilder.Url(deployment, options) + "/metrics"), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return AnalysisVerdict.Inconclusive($"router metrics unavailable: {ex.Message}");
        }
        return Judge(text, deployment.Spec.Model.Version, analysis);
    }

    /// <summary>The verdict for <paramref name="version"/> from a Prometheus text exposition.</summary>
    public static AnalysisVerdict Judge(string exposition, string version, RolloutAnalysis analysis)
    {
        if (analysis.MaxLatencyP99 is not null || analysis.MinShadowAgreement is not null)
        {
            return AnalysisVerdict.Failing("maxLatencyP99 and minShadowAgreement are not measured from router metrics yet; remove them or use an analysis source that measures them");
        }
        var (total, errors) = Count(exposition, version);
        if (total < MinimumRequests)
        {
            return AnalysisVerdict.Inconclusive($"{total} canary requests so far, waiting for {MinimumRequests}");
        }
        var rate = (double)errors / total;
        return analysis.MaxErrorRate is { } max && rate > max
            ? AnalysisVerdict.Failing(string.Create(CultureInfo.InvariantCulture, $"error rate {rate:0.###} above {max:0.###} ({errors}/{total})"))
            : AnalysisVerdict.Passing(string.Create(CultureInfo.InvariantCulture, $"error rate {rate:0.###} ({errors}/{total})"));
    }

    private static (long Total, long Errors) Count(string exposition, string version)
    {
        long total = 0, errors = 0;
        foreach (Match line in RequestsLine().Matches(exposition))
        {
            var labels = line.Groups["labels"].Value;
            if (!labels.Contains($"version=\"{version}\"", StringComparison.Ordinal)
                || !double.TryParse(line.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            total += (long)value;
            if (CodeLabel().Match(labels) is { Success: true } code && code.Groups[1].Value.StartsWith('5'))
            {
                errors += (long)value;
            }
        }
        return (total, errors);
    }

    [GeneratedRegex("^modelship_requests_total\\{(?<labels>[^}]*)\\} (?<value>\\S+)", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex("code=\"([0-9]+)\"")]
    private static partial Regex CodeLabel();
}
