using System.Text.Json;
using Modelship.Api.Routing;

namespace Modelship.Operator.Controllers.ModelDeployment.Monitoring;

/// <summary>One router Pod's <c>GET /v2/monitoring</c> answer.</summary>
/// <param name="Pod">The Pod's identity (name and uid): its counters start again at 0 when its router restarts.</param>
public sealed record PodReport(string Pod, MonitoringReport Report);

/// <summary>The reports of the router Pods that answered, and a message per Pod that did not.</summary>
public sealed record RouterReports(IReadOnlyList<PodReport> Reports, IReadOnlyList<string> Failures);

/// <summary>
/// Reads every router Pod's monitoring report (<see cref="MonitoringReport"/>) at once, as
/// <see cref="Rollout.RouterMetricsScrape"/> scrapes their <c>/metrics</c>: a Pod that fails, times out or answers
/// something unreadable is a failure, never an exception.
/// </summary>
public sealed class RouterMonitoringReader(HttpClient http)
{
    public const string Path = "/v2/monitoring";

    /// <summary>How long one router may take; the reconcile waits for the slowest.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    public async Task<RouterReports> ReadAllAsync(IEnumerable<(string Pod, Uri Url)> routers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(routers);
        var answers = await Task.WhenAll(routers.Select(r => OneAsync(r.Pod, r.Url, cancellationToken))).ConfigureAwait(false);
        return new RouterReports([.. answers.Select(a => a.Report).OfType<PodReport>()], [.. answers.Select(a => a.Failure).OfType<string>()]);
    }

    private async Task<(PodReport? Report, string? Failure)> OneAsync(string pod, Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var body = await http.GetStreamAsync(url, timeout.Token).ConfigureAwait(false);
            var report = await JsonSerializer.DeserializeAsync(body, RoutingTableJsonContext.Default.MonitoringReport, timeout.Token).ConfigureAwait(false);
            return report is null ? (null, $"{url}: empty report") : (new PodReport(pod, report), null);
        }
        catch (HttpRequestException ex)
        {
            return (null, $"{url}: {ex.Message}");
        }
        catch (JsonException ex)
        {
            return (null, $"{url}: unreadable report: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"{url}: timed out after {Timeout.TotalSeconds:0.#}s");
        }
    }
}
