using System.Net;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>Records every request the API server answers with 401 Unauthorized or 403 Forbidden.</summary>
public sealed class DeniedRequestRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly List<string> _denied = [];

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_denied)
            {
                return [.. _denied];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            lock (_denied)
            {
                _denied.Add($"{(int)response.StatusCode} {request.Method} {request.RequestUri?.PathAndQuery}");
            }
        }
        return response;
    }
}
