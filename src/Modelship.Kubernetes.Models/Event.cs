using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

/// <summary>core/v1 Event, the kind <c>kubectl describe</c> shows.</summary>
public sealed class Event : IKubernetesResource<Event>
{
    public static ResourceType Resource { get; } = new("", "v1", "Event", "events", Namespaced: true);

    public string ApiVersion { get; set; } = "v1";

    public string Kind { get; set; } = "Event";

    public V1ObjectMeta Metadata { get; set; } = new();

    public ObjectReference? InvolvedObject { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }

    /// <summary>"Normal" or "Warning".</summary>
    public string? Type { get; set; }

    public EventSource? Source { get; set; }

    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? FirstTimestamp { get; set; }

    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? LastTimestamp { get; set; }

    [JsonConverter(typeof(KubernetesMicroTimeConverter))]
    public DateTimeOffset? EventTime { get; set; }

    public int? Count { get; set; }

    public string? Action { get; set; }

    public string? ReportingComponent { get; set; }

    public string? ReportingInstance { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ObjectReference
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public string? Namespace { get; set; }

    public string? Name { get; set; }

    public string? Uid { get; set; }

    public string? ResourceVersion { get; set; }

    public string? FieldPath { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class EventSource
{
    public string? Component { get; set; }

    public string? Host { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
