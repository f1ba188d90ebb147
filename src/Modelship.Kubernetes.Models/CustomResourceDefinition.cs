using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Modelship.Kubernetes.Models;

[KubernetesEntity(Group = "apiextensions.k8s.io", ApiVersion = "v1", Kind = "CustomResourceDefinition", PluralName = "customresourcedefinitions")]
public sealed class CustomResourceDefinition : IKubernetesObject<V1ObjectMeta>
{
    public static ResourceType Resource { get; } = ResourceType.Of<CustomResourceDefinition>();

    public string ApiVersion { get; set; } = "apiextensions.k8s.io/v1";

    public string Kind { get; set; } = "CustomResourceDefinition";

    public V1ObjectMeta Metadata { get; set; } = new();

    public CustomResourceDefinitionSpec? Spec { get; set; }

    public CustomResourceDefinitionStatus? Status { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class CustomResourceDefinitionSpec
{
    public string? Group { get; set; }

    public CustomResourceDefinitionNames? Names { get; set; }

    /// <summary>"Namespaced" or "Cluster".</summary>
    public string? Scope { get; set; }

    public List<CustomResourceDefinitionVersion>? Versions { get; set; }

    public JsonObject? Conversion { get; set; }

    public bool? PreserveUnknownFields { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class CustomResourceDefinitionNames
{
    public string? Plural { get; set; }

    public string? Singular { get; set; }

    public string? Kind { get; set; }

    public string? ListKind { get; set; }

    public List<string>? ShortNames { get; set; }

    public List<string>? Categories { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class CustomResourceDefinitionVersion
{
    public string? Name { get; set; }

    public bool? Served { get; set; }

    public bool? Storage { get; set; }

    public bool? Deprecated { get; set; }

    public CustomResourceValidation? Schema { get; set; }

    public CustomResourceSubresources? Subresources { get; set; }

    public List<JsonObject>? AdditionalPrinterColumns { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class CustomResourceValidation
{
    /// <summary>The structural schema, kept as JSON: its keywords (x-kubernetes-*, $ref) do not map to C# names.</summary>
    [JsonPropertyName("openAPIV3Schema")]
    public JsonObject? OpenApiV3Schema { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class CustomResourceSubresources
{
    /// <summary>An empty object enables the status subresource.</summary>
    public JsonObject? Status { get; set; }

    public JsonObject? Scale { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class CustomResourceDefinitionStatus
{
    public List<V1CustomResourceDefinitionCondition>? Conditions { get; set; }

    public CustomResourceDefinitionNames? AcceptedNames { get; set; }

    public List<string>? StoredVersions { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
