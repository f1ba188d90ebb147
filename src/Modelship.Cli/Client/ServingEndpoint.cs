using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Cli.Client;

/// <summary>
/// Where `predict` and `logs` send their requests: a router's base URL and the HttpClient that reaches it. In a cluster
/// that is the API server's Service proxy (<c>/api/v1/namespaces/{ns}/services/{name}:http/proxy</c>), so no
/// port-forward is needed and RBAC on <c>services/proxy</c> decides who may ask; otherwise a direct URL (--url) or a
/// local `modelship run` on 127.0.0.1 (--local).
/// </summary>
public sealed record ServingEndpoint(HttpClient Http, Uri BaseUri, string Description)
{
    /// <summary>The port `modelship run` listens on unless told otherwise.</summary>
    public const int LocalRunPort = 8080;

    /// <summary>The router Service's port name (the operator's EndpointServiceBuilder).</summary>
    public const string ServicePortName = RouterDeploymentBuilder.PortName;

    /// <summary>The proxy path of the router Service of a ModelDeployment or Pipeline named <paramref name="name"/> (pure).</summary>
    public static Uri ServiceProxy(Uri apiServer, string ns, string name)
    {
        ArgumentNullException.ThrowIfNull(apiServer);
        var service = ChildNames.Endpoint(name);
        return new Uri(apiServer,
            $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/services/{Uri.EscapeDataString(service)}:{ServicePortName}/proxy/");
    }

    /// <exception cref="ClientCommandException">A --url that is not an absolute http(s) URL (usage).</exception>
    public static Uri Direct(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ClientCommandException(CliExitCodes.Usage, $"--url {url}: not an http(s) URL such as http://127.0.0.1:8080");
        }
        return new Uri(uri.AbsoluteUri.TrimEnd('/') + "/");
    }

    public static Uri Local(int port) => new($"http://127.0.0.1:{port}/");
}
