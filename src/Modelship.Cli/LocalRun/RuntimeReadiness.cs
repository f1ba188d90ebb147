using System.Net;

namespace Modelship.Cli.LocalRun;

/// <summary>
/// Waits until a runtime answers the V2 readiness of the model version it loaded, over HTTP as the router will reach
/// it: the check a Pod's readiness probe makes before a cluster's router gets the version.
/// </summary>
internal static class RuntimeReadiness
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Throws <see cref="LocalRunException"/> when the version is not ready within 30 s.</summary>
    public static async Task WaitAsync(Uri runtime, string model, string version, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = new Uri(runtime, $"v2/models/{Uri.EscapeDataString(model)}/versions/{Uri.EscapeDataString(version)}/ready");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        string? last = null;
        try
        {
            while (true)
            {
                try
                {
                    using var response = await client.GetAsync(ready, deadline.Token).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                    last = $"status {(int)response.StatusCode}";
                }
                catch (HttpRequestException e)
                {
                    last = e.Message;
                }

                await Task.Delay(Interval, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LocalRunException($"version {version} was not ready at {ready} within {Timeout.TotalSeconds} s (last answer: {last ?? "none"})");
        }
    }
}
