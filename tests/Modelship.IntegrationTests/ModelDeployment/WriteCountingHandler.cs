namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>Counts the requests that can change the cluster (anything but GET), so a test can assert a no-op reconcile writes nothing.</summary>
public sealed class WriteCountingHandler : DelegatingHandler
{
    /// <summary>The last handler of the chain: the client's HTTP pipeline links it to its connection pool.</summary>
    public WriteCountingHandler()
    {
    }

    public WriteCountingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

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
