using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Models;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Modelship.Kubernetes.Client;

/// <summary>
/// Entry point: one HttpClient (a connection pool with the configuration's client certificate via the package's
/// <c>CertUtils</c>, our server certificate check, the package's credentials on every request, request metrics) shared by
/// the per-kind <see cref="ResourceClient{T}"/>s, which add retries, typed errors and watches. Creating it opens no
/// connection.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly X509Certificate2? _clientCertificate;
    private readonly KubernetesTransport _transport;
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly string _fieldManager;

    /// <param name="transportHandler">Handlers placed last in the pipeline, just before the connection pool; a handler
    /// that answers by itself replaces the network (tests).</param>
    public KubernetesClient(KubernetesClientConfiguration configuration, KubernetesClientOptions? options = null, DelegatingHandler? transportHandler = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options ??= new KubernetesClientOptions();
        if (!Uri.TryCreate(configuration.Host, UriKind.Absolute, out var server))
        {
            throw new KubernetesConfigException($"The Kubernetes configuration has no valid server URL ('{configuration.Host}').");
        }

        Configuration = configuration;
        _serializerOptions = options.SerializerOptions ?? KubernetesJsonOptions.Default;
        _fieldManager = options.FieldManager;

        // Outermost first: metrics, credentials, the caller's handlers, the connection pool.
        var pipeline = new RequestMetricsHandler(
            KubernetesClientMetrics.Shared, new CredentialsHandler(k8s.Kubernetes.CreateCredentials(configuration), transportHandler));
#pragma warning disable CA2000 // The HttpClient disposes the chain, the pool included; the certificate is ours to dispose.
        _clientCertificate = ClientCertificate(configuration);
        LinkInnermost(pipeline, ConnectionPool(configuration, _clientCertificate));
#pragma warning restore CA2000
        _http = new HttpClient(pipeline) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);

        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<KubernetesClient>();
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _transport = new KubernetesTransport(_http, server.AbsoluteUri.TrimEnd('/'), options, logger, TimeProvider.System);
    }

    public KubernetesClientConfiguration Configuration { get; }

    /// <summary>The namespace of the kubeconfig context or service account, if known.</summary>
    public string? DefaultNamespace => Configuration.Namespace;

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>
    /// The client's HttpClient (TLS, credentials, request metrics) for API server paths the typed verbs do not cover,
    /// such as a Service proxy (<c>/api/v1/namespaces/{ns}/services/{name}:{port}/proxy/...</c>). Requests sent through
    /// it are not retried and their errors are not mapped; the caller must not dispose it.
    /// </summary>
    public HttpClient HttpClient => _http;

    /// <summary>The API server's base URL, such as <c>https://10.0.0.1:6443/</c>.</summary>
    public Uri BaseUri => new(Configuration.Host.TrimEnd('/') + "/");

    /// <summary>The verbs for a typed kind, e.g. <c>client.For&lt;V1ConfigMap&gt;()</c> (see <see cref="ResourceType.Of{T}"/>).</summary>
    public ResourceClient<T> For<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> => For<T>(ResourceType.Of<T>());

    /// <summary>The verbs for any kind as <see cref="GenericObject"/>, e.g. a custom resource.</summary>
    public ResourceClient<GenericObject> For(ResourceType resource) => For<GenericObject>(resource);

    /// <summary>The verbs for a type whose JSON contract the serializer options know (see <see cref="KubernetesJsonOptions.Create"/>).</summary>
    public ResourceClient<T> For<T>(ResourceType resource)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new ResourceClient<T>(_transport, resource, TypeInfo<T>(), TypeInfo<KubernetesList<T>>(), _fieldManager, LoggerFactory);
    }

    public void Dispose()
    {
        _http.Dispose();
        _clientCertificate?.Dispose();
    }

    /// <summary>
    /// The connection pool: the configuration's client certificate and our server certificate check. Built here rather than by <c>new k8s.Kubernetes(...)</c>, whose generated operations
    /// would bring every kind's serializer into the Native AOT binary (+12.7 MB, measured) for an HttpClient.
    /// Per-request timeouts are <see cref="KubernetesTransport"/>'s (watches are long), so the HttpClient has none.
    /// </summary>
    private static SocketsHttpHandler ConnectionPool(KubernetesClientConfiguration configuration, X509Certificate2? clientCertificate)
    {
        var validator = new ServerCertificateValidator(configuration);
        var sockets = new SocketsHttpHandler
        {
            // Re-resolve DNS and spread over API server replicas now and then.
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.GZip,
        };
        sockets.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => validator.Validate(certificate, chain, errors);
        if (clientCertificate is not null)
        {
            sockets.SslOptions.ClientCertificates = [clientCertificate];
        }
        return sockets;
    }

    /// <summary>The PEM certificate and key of the configuration (kubeconfig data is base64 of the PEM text), if both are set.</summary>
    private static X509Certificate2? ClientCertificate(KubernetesClientConfiguration configuration)
    {
        var certificate = Pem(configuration.ClientCertificateData, configuration.ClientCertificateFilePath);
        var key = Pem(configuration.ClientCertificateKeyData, configuration.ClientKeyFilePath);
        return certificate is null || key is null ? null : X509Certificate2.CreateFromPem(certificate, key);
    }

    private static string? Pem(string? base64Data, string? path) =>
        !string.IsNullOrEmpty(base64Data) ? Encoding.UTF8.GetString(Convert.FromBase64String(base64Data))
        : !string.IsNullOrEmpty(path) ? File.ReadAllText(path)
        : null;

    /// <summary>Sets <paramref name="innermost"/> as the inner handler of the last handler of the chain that has none.</summary>
    private static void LinkInnermost(DelegatingHandler outermost, HttpMessageHandler innermost)
    {
        var handler = outermost;
        while (handler.InnerHandler is DelegatingHandler next)
        {
            handler = next;
        }
        handler.InnerHandler ??= innermost;
    }

    private JsonTypeInfo<TValue> TypeInfo<TValue>()
    {
        try
        {
            return (JsonTypeInfo<TValue>)_serializerOptions.GetTypeInfo(typeof(TValue));
        }
        catch (NotSupportedException ex)
        {
            throw new InvalidOperationException(
                $"No JSON contract for {typeof(TValue)}: declare it with [JsonSerializable] on a JsonSerializerContext " +
                "and pass that context through KubernetesJsonOptions.Create as KubernetesClientOptions.SerializerOptions.", ex);
        }
    }
}
