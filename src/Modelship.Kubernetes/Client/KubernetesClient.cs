using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Client;

/// <summary>
/// Entry point: one HttpClient (one connection pool, TLS and bearer token from the configuration) shared by the
/// per-kind <see cref="ResourceClient{T}"/>s. Creating it opens no connection.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly KubernetesTransport _transport;
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly string _fieldManager;

    /// <param name="innerHandler">The handler that sends requests; by default a SocketsHttpHandler with the
    /// configuration's TLS settings. Tests pass a fake or a handler for a local server.</param>
    public KubernetesClient(KubernetesClientConfiguration configuration, KubernetesClientOptions? options = null, HttpMessageHandler? innerHandler = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options ??= new KubernetesClientOptions();
        Configuration = configuration;
        _serializerOptions = options.SerializerOptions ?? KubernetesJson.Options;
        _fieldManager = options.FieldManager;

        HttpMessageHandler handler = innerHandler ?? KubernetesHttpHandlerFactory.Create(configuration);
        if (configuration.TokenProvider is { } tokenProvider)
        {
            handler = new BearerTokenHandler(tokenProvider, handler);
        }

        handler = new RequestMetricsHandler(KubernetesClientMetrics.Shared, handler);

        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);

        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<KubernetesClient>();
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _transport = new KubernetesTransport(_http, configuration.Server.AbsoluteUri.TrimEnd('/'), options, logger, TimeProvider.System);
    }

    public KubernetesClientConfiguration Configuration { get; }

    /// <summary>The namespace of the kubeconfig context or service account, if known.</summary>
    public string? DefaultNamespace => Configuration.Namespace;

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The verbs for a typed kind, e.g. <c>client.For&lt;ConfigMap&gt;()</c>.</summary>
    public ResourceClient<T> For<T>()
        where T : class, IKubernetesResource<T> => For<T>(T.Resource);

    /// <summary>The verbs for any kind as <see cref="GenericObject"/>, e.g. a custom resource.</summary>
    public ResourceClient<GenericObject> For(ResourceType resource) => For<GenericObject>(resource);

    /// <summary>The verbs for a type whose JSON contract the serializer options know (see <see cref="KubernetesJson.CreateOptions"/>).</summary>
    public ResourceClient<T> For<T>(ResourceType resource)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new ResourceClient<T>(_transport, resource, TypeInfo<T>(), TypeInfo<KubernetesList<T>>(), _fieldManager, LoggerFactory);
    }

    public void Dispose() => _http.Dispose();

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
                "and pass that context through KubernetesJson.CreateOptions as KubernetesClientOptions.SerializerOptions.", ex);
        }
    }
}
