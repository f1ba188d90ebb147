using System.Net.Http.Headers;
using Modelship.Kubernetes.Config;

namespace Modelship.Kubernetes.Client;

/// <summary>Asks the token provider on every request, so a rotated token is used as soon as it is read.</summary>
internal sealed class BearerTokenHandler(ITokenProvider tokenProvider, HttpMessageHandler innerHandler)
    : DelegatingHandler(innerHandler)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
