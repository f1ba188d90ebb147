using k8s.Authentication;

namespace Modelship.Kubernetes.Client;

/// <summary>
/// Signs every request with the package's credentials for the configuration (bearer token from a token provider,
/// static token, or basic auth), watches included; the package signs only the requests of its own generated methods.
/// A token provider is asked on each request, so a rotated token is used as soon as it is read.
/// </summary>
internal sealed class CredentialsHandler : DelegatingHandler
{
    private readonly ServiceClientCredentials? _credentials;

    /// <param name="innerHandler">The next handler; null when the package's pipeline links it.</param>
    /// <param name="credentials">Null for anonymous access or client certificates only.</param>
    public CredentialsHandler(ServiceClientCredentials? credentials, HttpMessageHandler? innerHandler)
    {
        _credentials = credentials;
        if (innerHandler is not null)
        {
            InnerHandler = innerHandler;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_credentials is not null)
        {
            await _credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
