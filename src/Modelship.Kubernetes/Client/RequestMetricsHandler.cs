namespace Modelship.Kubernetes.Client;

/// <summary>
/// Counts every request on its way to the API server into <see cref="KubernetesClientMetrics"/>: each attempt of a
/// retried request, and a watch once its response headers arrive. Creates the success series at 0.
/// </summary>
public sealed class RequestMetricsHandler : DelegatingHandler
{
    private readonly KubernetesClientMetrics _metrics;

    /// <param name="innerHandler">The next handler; null when the package's pipeline links it.</param>
    public RequestMetricsHandler(KubernetesClientMetrics metrics, HttpMessageHandler? innerHandler = null)
    {
        if (innerHandler is not null)
        {
            InnerHandler = innerHandler;
        }

        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
        metrics.DeclareSeries();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            _metrics.Failed(request.Method);
            throw;
        }

        _metrics.Answered(request.Method, response.StatusCode);
        return response;
    }
}
