using System.Diagnostics.Metrics;
using System.Net;
using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Tests.Fakes;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Modelship.Kubernetes.Tests.Client;

/// <summary><c>modelship_rest_client_requests_total{method,code}</c>, counted on the way to the API server.</summary>
public sealed class RequestMetricsHandlerTests : IDisposable
{
    private const string ConfigMapJson = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"ns"}}""";

    private readonly Meter _meter = new($"test-{Guid.NewGuid():N}");
    private readonly MeterListener _listener = new();
    private readonly Dictionary<(string Method, string Code), long> _counts = [];

    public RequestMetricsHandlerTests()
    {
        // Only this test's meter, or the shared one for the wiring test (filtered to its own status code there).
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == _meter || instrument.Meter.Name == KubernetesClientMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            instrument.Name.Should().Be(KubernetesClientMetrics.RequestsName);
            string? method = null, code = null;
            foreach (var tag in tags)
            {
                method = tag.Key == "method" ? (string?)tag.Value : method;
                code = tag.Key == "code" ? (string?)tag.Value : code;
            }

            lock (_counts)
            {
                var key = (method!, code!);
                _counts[key] = _counts.GetValueOrDefault(key) + value;
            }
        });
        _listener.Start();
    }

    private long Count(string method, string code)
    {
        lock (_counts)
        {
            return _counts.GetValueOrDefault((method, code));
        }
    }

    private bool Declared(string method, string code)
    {
        lock (_counts)
        {
            return _counts.ContainsKey((method, code));
        }
    }

    private HttpMessageInvoker Invoker(Func<FakeHttpHandler.RecordedRequest, HttpResponseMessage> respond) =>
        new(new RequestMetricsHandler(new KubernetesClientMetrics(_meter), new FakeHttpHandler(respond)));

    [Fact]
    public void The_success_series_of_every_verb_exist_at_zero_once_a_handler_is_created()
    {
        using var invoker = Invoker(_ => new HttpResponseMessage(HttpStatusCode.OK));

        foreach (var (method, code) in new[] { ("GET", "200"), ("POST", "201"), ("PUT", "200"), ("PATCH", "200"), ("DELETE", "200") })
        {
            Declared(method, code).Should().BeTrue($"{method} {code} is declared");
            Count(method, code).Should().Be(0);
        }
    }

    [Fact]
    public async Task Each_request_counts_once_by_method_and_status_code()
    {
        using var invoker = Invoker(request => new HttpResponseMessage(request.Method.Method switch
        {
            "POST" => HttpStatusCode.Created,
            "PATCH" => HttpStatusCode.Conflict,
            "DELETE" => HttpStatusCode.NotFound,
            _ => HttpStatusCode.OK,
        }));

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Get, HttpMethod.Post, HttpMethod.Patch, HttpMethod.Patch, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Put })
        {
            using var response = await invoker.SendAsync(new HttpRequestMessage(method, "https://api.test/api/v1/configmaps"), CancellationToken.None);
        }

        Count("GET", "200").Should().Be(2);
        Count("POST", "201").Should().Be(1);
        Count("PATCH", "409").Should().Be(3);
        Count("PATCH", "200").Should().Be(0);
        Count("DELETE", "404").Should().Be(1);
        Count("PUT", "200").Should().Be(1);
    }

    [Fact]
    public async Task A_request_without_a_response_counts_as_error_and_the_exception_reaches_the_caller()
    {
        using var invoker = Invoker(_ => throw new HttpRequestException("connection refused"));

        var send = () => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, "https://api.test/api/v1/configmaps"), CancellationToken.None);

        await send.Should().ThrowAsync<HttpRequestException>().WithMessage("connection refused");
        Count("POST", KubernetesClientMetrics.ErrorCode).Should().Be(1);
        Count("POST", "201").Should().Be(0);
    }

    [Fact]
    public async Task Every_KubernetesClient_counts_its_requests_into_the_shared_meter()
    {
        // 418 is answered by no other test, so requests of tests running in parallel do not count here.
        var handler = new FakeHttpHandler(request => request.Method == HttpMethod.Get
            ? FakeHttpHandler.Json(HttpStatusCode.OK, ConfigMapJson)
            : FakeHttpHandler.Json((HttpStatusCode)418, """{"kind":"Status","code":418,"message":"teapot"}"""));
        var configuration = new KubernetesClientConfiguration { Host = "https://api.test:6443/" };
        using var client = new KubernetesClient(configuration, new KubernetesClientOptions { RetryPolicy = KubernetesRetryPolicy.None }, handler);

        await client.For<V1ConfigMap>().GetAsync("ns", "cm");
        var delete = () => client.For<V1ConfigMap>().DeleteAsync("ns", "cm");
        await delete.Should().ThrowAsync<KubernetesApiException>();

        Count("DELETE", "418").Should().Be(1);
        Declared("PATCH", "200").Should().BeTrue("the client's handler declares the success series of the shared meter");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
    }
}
