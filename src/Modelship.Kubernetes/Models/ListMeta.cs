using System.Text.Json;
using System.Text.Json.Serialization;

namespace Modelship.Kubernetes.Models;

public sealed class ListMeta
{
    public string? ResourceVersion { get; set; }

    [JsonPropertyName("continue")]
    public string? Continue { get; set; }

    public long? RemainingItemCount { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
