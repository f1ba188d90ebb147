using System.Net;
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
/// Entry point: the KubernetesClient package's HTTP pipeline (one HttpClient: its connection pool and client
/// certificate, our server certificate check, the package's credentials on every request, request metrics) shared by
/// the per-kind <see cref="ResourceClient{T}"/>s, which add retries, typed errors and watches. Creating it opens no
/// connection.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly k8s.Kubernetes _kubernetes;
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

        // Outermost first: metrics, credentials, the caller's handlers; the package links the last one to its pool.
        _kubernetes = new k8s.Kubernetes(
            PipelineConfiguration(configuration, options),
            new RequestMetricsHandler(KubernetesClientMetrics.Shared, new CredentialsHandler(k8s.Kubernetes.CreateCredentials(configuration), transportHandler)));

        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<KubernetesClient>();
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _transport = new KubernetesTransport(_kubernetes.HttpClient, server.AbsoluteUri.TrimEnd('/'), options, logger, TimeProvider.System);
    }

    public KubernetesClientConfiguration Configuration { get; }

    /// <summary>The namespace of the kubeconfig context or service account, if known.</summary>
    public string? DefaultNamespace => Configuration.Namespace;

    public ILoggerFactory LoggerFactory { get; }

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

    public void Dispose() => _kubernetes.Dispose();

    /// <summary>
    /// What the package builds its pipeline from: the server, the client certificate and the user agent. Not the CA
    /// bundle or skip-verify (the package would install its own certificate callback, and disposes the CA certificates
    /// with the client), nor the credentials (<see cref="CredentialsHandler"/> signs each request).
    /// </summary>
    private static KubernetesClientConfiguration PipelineConfiguration(KubernetesClientConfiguration configuration, KubernetesClientOptions options)
    {
        var validator = new ServerCertificateValidator(configuration);
        return new KubernetesClientConfiguration
        {
            Host = configuration.Host,
            ClientCertificateData = configuration.ClientCertificateData,
            ClientCertificateKeyData = configuration.ClientCertificateKeyData,
            ClientCertificateFilePath = configuration.ClientCertificateFilePath,
            ClientKeyFilePath = configuration.ClientKeyFilePath,
            ClientCertificateKeyStoreFlags = configuration.ClientCertificateKeyStoreFlags,
            UserAgent = options.UserAgent,
            FirstMessageHandlerSetup = handler =>
            {
                if (handler is SocketsHttpHandler sockets)
                {
                    sockets.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => validator.Validate(certificate, chain, errors);

                    // Re-resolve DNS and spread over API server replicas now and then.
                    sockets.PooledConnectionLifetime = TimeSpan.FromMinutes(10);
                    sockets.ConnectTimeout = TimeSpan.FromSeconds(10);
                    sockets.AutomaticDecompression = DecompressionMethods.GZip;
                }
            },
        };
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
