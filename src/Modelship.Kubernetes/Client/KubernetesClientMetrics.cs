using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;

namespace Modelship.Kubernetes.Client;

/// <summary>
/// <c>modelship_rest_client_requests_total{method,code}</c>: the requests a client sent to the API server, by HTTP
/// method and response status code, as controller-runtime's <c>rest_client_requests_total</c> (without the host
/// label: one API server per process). A request that got no response counts as code <c>&lt;error&gt;</c>, as in
/// client-go. Writes are the series whose method is not GET.
/// </summary>
public sealed class KubernetesClientMetrics
{
    /// <summary>The meter of <see cref="Shared"/>; the operator exports it with the other <c>Modelship</c> meters.</summary>
    public const string MeterName = "Modelship.KubernetesClient";

    public const string RequestsName = "modelship_rest_client_requests_total";

    /// <summary>The code label of a request that failed without a response (connection refused, timeout, cancelled).</summary>
    public const string ErrorCode = "<error>";

    // The success answer of each verb the client sends; these series exist at 0 from the first client on.
    private static readonly (string Method, string Code)[] Successes =
        [("GET", "200"), ("POST", "201"), ("PUT", "200"), ("PATCH", "200"), ("DELETE", "200")];

    private readonly Counter<long> _requests;

    public KubernetesClientMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _requests = meter.CreateCounter<long>(RequestsName, unit: null, description: "Requests sent to the Kubernetes API server, by method and status code.");
    }

    /// <summary>What every <see cref="KubernetesClient"/> records into, on the meter <see cref="MeterName"/>.</summary>
    public static KubernetesClientMetrics Shared { get; } = new(new Meter(MeterName));

    /// <summary>Creates the success series at 0 (a listener attached later misses them until they are recorded).</summary>
    public void DeclareSeries()
    {
        foreach (var (method, code) in Successes)
        {
            _requests.Add(0, Tags(method, code));
        }
    }

    public void Answered(HttpMethod method, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(method);
        _requests.Add(1, Tags(method.Method, CodeOf(status)));
    }

    public void Failed(HttpMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        _requests.Add(1, Tags(method.Method, ErrorCode));
    }

    private static TagList Tags(string method, string code) => new() { { "method", method }, { "code", code } };

    // The codes the API server answers with, without allocating a string per request.
    private static string CodeOf(HttpStatusCode status) => (int)status switch
    {
        200 => "200",
        201 => "201",
        202 => "202",
        304 => "304",
        400 => "400",
        401 => "401",
        403 => "403",
        404 => "404",
        409 => "409",
        410 => "410",
        422 => "422",
        429 => "429",
        500 => "500",
        503 => "503",
        504 => "504",
        var other => other.ToString(CultureInfo.InvariantCulture),
    };
}
