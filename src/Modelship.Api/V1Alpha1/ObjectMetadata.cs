using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// The parts of metav1.ObjectMeta the API types need. Everything else (ownerReferences, finalizers, managedFields,
/// ...) is kept in <see cref="Extra"/> and written back unchanged, so an object survives a read-modify-write.
/// </summary>
public sealed class ObjectMetadata
{
    [Description("Name of the object, unique within its namespace.")]
    public string? Name { get; set; }

    [Description("Prefix the API server completes into a unique name when name is empty.")]
    public string? GenerateName { get; set; }

    [Description("Namespace of the object.")]
    public string? Namespace { get; set; }

    [Description("UID of the object, set by the API server.")]
    public string? Uid { get; set; }

    [Description("Resource version for optimistic concurrency, set by the API server.")]
    public string? ResourceVersion { get; set; }

    [Description("Generation of the desired state, incremented by the API server on spec changes.")]
    public long? Generation { get; set; }

    [Description("Labels of the object.")]
    public IReadOnlyDictionary<string, string>? Labels { get; set; }

    [Description("Annotations of the object.")]
    public IReadOnlyDictionary<string, string>? Annotations { get; set; }

    [Description("Creation time, set by the API server.")]
    public DateTimeOffset? CreationTimestamp { get; set; }

    [Description("Finalizers that must be removed before the object is deleted.")]
    public IReadOnlyList<string>? Finalizers { get; set; }

    [Description("Deletion time, set by the API server when deletion was requested and finalizers remain.")]
    public DateTimeOffset? DeletionTimestamp { get; set; }

    /// <summary>Metadata fields not modeled above, preserved verbatim.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
