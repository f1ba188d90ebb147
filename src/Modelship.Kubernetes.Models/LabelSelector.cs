using System.Text.Json;
using System.Text.Json.Serialization;

namespace Modelship.Kubernetes.Models;

public sealed class LabelSelector
{
    public Dictionary<string, string>? MatchLabels { get; set; }

    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class LabelSelectorRequirement
{
    public string? Key { get; set; }

    /// <summary>"In", "NotIn", "Exists" or "DoesNotExist".</summary>
    public string? Operator { get; set; }

    public List<string>? Values { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
