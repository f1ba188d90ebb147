namespace Modelship.Operator.Controllers.ModelDeployment.Rollout;

/// <summary>The <c>/metrics</c> expositions of every router asked, and a message per router that did not answer.</summary>
public sealed record RouterMetricsScrape(IReadOnlyList<string> Expositions, IReadOnlyList<string> Failures)
{
    /// <summary>Scrapes every URL at once; a router that fails or times out is a failure, never an exception.</summary>
    public static async Task<RouterMetricsScrape> AllAsync(HttpClient http, IEnumerable<Uri> urls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(urls);
        var scrapes = await Task.WhenAll(urls.Select(url => OneAsync(http, url, cancellationToken))).ConfigureAwait(false);
        return new RouterMetricsScrape(
            [.. scrapes.Select(s => s.Exposition).OfType<string>()],
            [.. scrapes.Select(s => s.Failure).OfType<string>()]);
    }

    private static async Task<(string? Exposition, string? Failure)> OneAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return (await http.GetStringAsync(url, cancellationToken).ConfigureAwait(false), null);
        }
        catch (HttpRequestException ex)
        {
            return (null, $"{url}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"{url}: timed out");
        }
    }
}
