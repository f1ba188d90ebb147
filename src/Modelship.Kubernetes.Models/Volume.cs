using System.Text.Json;
using System.Text.Json.Serialization;

namespace Modelship.Kubernetes.Models;

/// <summary>A pod volume; sources other than these three round-trip through <see cref="Extra"/>.</summary>
public sealed class Volume
{
    public string? Name { get; set; }

    public EmptyDirVolumeSource? EmptyDir { get; set; }

    public ConfigMapVolumeSource? ConfigMap { get; set; }

    public SecretVolumeSource? Secret { get; set; }

    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class EmptyDirVolumeSource
{
    public string? Medium { get; set; }

    public string? SizeLimit { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ConfigMapVolumeSource
{
    public string? Name { get; set; }

    public List<KeyToPath>? Items { get; set; }

    public int? DefaultMode { get; set; }

    public bool? Optional { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class SecretVolumeSource
{
    public string? SecretName { get; set; }

    public List<KeyToPath>? Items { get; set; }

    public int? DefaultMode { get; set; }

    public bool? Optional { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class PersistentVolumeClaimVolumeSource
{
    public string? ClaimName { get; set; }

    public bool? ReadOnly { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class KeyToPath
{
    public string? Key { get; set; }

    public string? Path { get; set; }

    public int? Mode { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
