using System.Text.Json;
using System.Text.Json.Serialization;

namespace Modelship.Kubernetes.Models;

public sealed class EnvVar
{
    public string? Name { get; set; }

    public string? Value { get; set; }

    public EnvVarSource? ValueFrom { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class EnvVarSource
{
    public ObjectFieldSelector? FieldRef { get; set; }

    public KeySelector? SecretKeyRef { get; set; }

    public KeySelector? ConfigMapKeyRef { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ObjectFieldSelector
{
    public string? ApiVersion { get; set; }

    public string? FieldPath { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A key in a named Secret or ConfigMap.</summary>
public sealed class KeySelector
{
    public string? Name { get; set; }

    public string? Key { get; set; }

    public bool? Optional { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class EnvFromSource
{
    public string? Prefix { get; set; }

    public NamedSourceReference? ConfigMapRef { get; set; }

    public NamedSourceReference? SecretRef { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class NamedSourceReference
{
    public string? Name { get; set; }

    public bool? Optional { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
