using System.Text.Json;
using System.Text.Json.Serialization;

namespace Modelship.Kubernetes.Models;

/// <summary>A list response: <c>items</c> plus the list's resourceVersion and continue token.</summary>
public sealed class KubernetesList<T>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public ListMeta Metadata { get; set; } = new();

    public List<T> Items { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
