using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Modelship.Kubernetes.Client;

public sealed class KubernetesClientOptions
{
    public const string DefaultFieldManager = "modelship";

    /// <summary>Serializer options; <see cref="Models.KubernetesJsonOptions.Create"/> adds resolvers for custom types.</summary>
    public JsonSerializerOptions? SerializerOptions { get; init; }

    public KubernetesRetryPolicy RetryPolicy { get; init; } = KubernetesRetryPolicy.Default;

    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Field manager for server-side apply and writes, unless a call names another.</summary>
    public string FieldManager { get; init; } = DefaultFieldManager;

    /// <summary>Time limit of one attempt of a non-watch request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string UserAgent { get; init; } = "modelship";
}
