using System.Net;
using System.Text;

namespace Modelship.Kubernetes.Tests.Fakes;

/// <summary>Answers requests from a function and records what was sent (method, URL, headers, body).</summary>
public sealed class FakeHttpHandler(Func<FakeHttpHandler.RecordedRequest, HttpResponseMessage> respond) : DelegatingHandler
{
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static HttpResponseMessage Json(HttpStatusCode code, string json) =>
        new(code) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.MediaType,
            body);
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        return respond(recorded);
    }

    public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string? Body)
    {
        public string PathAndQuery => Uri.PathAndQuery;
    }
}
