namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>
/// Holds every write to a RefreshSchedule's status subresource while <see cref="Hold"/> is in effect and never sends
/// it: an operator stopped now (the request cancelled) dies between the target's patch and the run's status write.
/// </summary>
/// <remarks>The innermost of the test's handlers: the client's pipeline links it to the connection pool.</remarks>
public sealed class StatusWriteHoldingHandler : DelegatingHandler
{
    private volatile bool _holding;
    private int _held;

    /// <summary>How many status writes are being held now.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Hold() => _holding = true;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_holding && request.Method == HttpMethod.Patch && request.RequestUri?.AbsolutePath.Contains("/refreshschedules/", StringComparison.Ordinal) == true
            && request.RequestUri.AbsolutePath.EndsWith("/status", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _held);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
