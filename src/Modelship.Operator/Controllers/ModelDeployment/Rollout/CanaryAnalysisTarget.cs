using System.Globalization;
using k8s.Models;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>The version a canary analysis judges, in which phase, and where the routers publish their metrics.</summary>
/// <param name="RouterMetricsUrls">One <c>/metrics</c> URL per ready router Pod; summed, they cover all traffic.</param>
public sealed record CanaryAnalysisTarget(string Version, CanaryAnalysisPhase Phase, IReadOnlyList<Uri> RouterMetricsUrls)
{
    /// <summary>The champion the new version is compared with over the same window.</summary>
    public string ChampionVersion { get; init; } = "";

    /// <summary>
    /// The target for the pending version at <paramref name="routedWeight"/> (0: mirror phase), read from every ready
    /// router Pod with an IP. Without one (Pods not reported yet, or a cluster that hides Pod IPs) it falls back to
    /// the endpoint Service, which answers from one router per scrape: a partial view when there are several.
    /// </summary>
    public static CanaryAnalysisTarget For(MD deployment, string version, int routedWeight, IEnumerable<V1Pod> readyRouterPods, ModelDeploymentBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(options);
        var urls = RouterPodMetricsUrls(readyRouterPods, options.RouterPort);
        return new CanaryAnalysisTarget(
            version,
            PhaseOf(routedWeight),
            urls.Count > 0 ? urls : [new Uri(EndpointServiceBuilder.Url(deployment, options) + "/metrics")]);
    }

    public static CanaryAnalysisPhase PhaseOf(int routedWeight) => routedWeight <= 0 ? CanaryAnalysisPhase.Mirror : CanaryAnalysisPhase.Weighted;

    /// <summary><c>http://&lt;pod IP&gt;:&lt;router port&gt;/metrics</c> of each Pod that has an IP, in IP order.</summary>
    public static IReadOnlyList<Uri> RouterPodMetricsUrls(IEnumerable<V1Pod> readyRouterPods, int routerPort)
    {
        ArgumentNullException.ThrowIfNull(readyRouterPods);
        var port = routerPort.ToString(CultureInfo.InvariantCulture);
        return [.. readyRouterPods
            .Select(p => p.Status?.PodIP)
            .OfType<string>()
            .Where(ip => ip.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(ip => new Uri($"http://{(ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip)}:{port}/metrics"))];
    }
}
