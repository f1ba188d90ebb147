namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>Counts the requests that can change the cluster (anything but GET), so a test can assert a no-op reconcile writes nothing.</summary>
public sealed class WriteCountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly List<string> _writes = [];

    public IReadOnlyList<string> Writes
    {
        get
        {
            lock (_writes)
            {
                return [.. _writes];
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get)
        {
            lock (_writes)
            {
                _writes.Add($"{request.Method} {request.RequestUri?.AbsolutePath}");
            }
        }
        return base.SendAsync(request, cancellationToken);
    }
}
