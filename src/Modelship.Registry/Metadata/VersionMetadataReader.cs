using System.Text.Json;

namespace Modelship.Registry.Metadata;

/// <summary>Reads metadata.json and combines it with what a source saw for a version.</summary>
public static class VersionMetadataReader
{
    /// <summary>Parses metadata.json; <paramref name="location"/> names the file in the error message.</summary>
    public static VersionMetadata Parse(ReadOnlySpan<byte> json, string location)
    {
        VersionMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize(json, RegistryJsonContext.Default.VersionMetadata);
        }
        catch (JsonException e)
        {
            throw new ModelSourceException(ModelSourceErrorKind.InvalidMetadata,
                $"{location} is not valid metadata JSON: {e.Message}", e);
        }
        if (metadata is null)
            throw new ModelSourceException(ModelSourceErrorKind.InvalidMetadata, $"{location} is null; expected a JSON object");
        if (metadata.Sha256 is not null && !Sha256Hex.IsValid(metadata.Sha256))
            throw new ModelSourceException(ModelSourceErrorKind.InvalidMetadata,
                $"{location}: sha256 \"{metadata.Sha256}\" is not 64 hexadecimal characters");
        if (metadata.Version is not null && string.IsNullOrWhiteSpace(metadata.Version))
            throw new ModelSourceException(ModelSourceErrorKind.InvalidMetadata, $"{location}: version is empty");
        return metadata;
    }

    /// <summary>The version from <paramref name="metadata"/> where it says, else from what the source saw.</summary>
    public static ModelVersion ToModelVersion(VersionMetadata? metadata, string observedName, string uri, DateTimeOffset? observedCreatedTime) =>
        new(
            Version: metadata?.Version ?? observedName,
            Uri: uri,
            Sha256: metadata?.Sha256?.ToLowerInvariant(),
            CreatedTime: metadata?.CreatedTime ?? observedCreatedTime,
            Metrics: metadata?.Metrics ?? ModelVersion.NoMetrics,
            Aliases: metadata?.Aliases ?? ModelVersion.NoAliases);
}
