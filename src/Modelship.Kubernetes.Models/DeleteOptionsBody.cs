using System.Text.Json;
using System.Text.Json.Serialization;

namespace Modelship.Kubernetes.Models;

/// <summary>The meta/v1 DeleteOptions body sent with DELETE.</summary>
public sealed class DeleteOptionsBody
{
    public string ApiVersion { get; set; } = "v1";

    public string Kind { get; set; } = "DeleteOptions";

    /// <summary>"Foreground", "Background" or "Orphan".</summary>
    public string? PropagationPolicy { get; set; }

    public long? GracePeriodSeconds { get; set; }

    public Preconditions? Preconditions { get; set; }

    public List<string>? DryRun { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class Preconditions
{
    public string? Uid { get; set; }

    public string? ResourceVersion { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
