namespace Modelship.Registry.Metadata;

/// <summary>
/// The optional metadata.json of a version (in its folder, or <c>&lt;file&gt;.metadata.json</c> beside a file, or per
/// S3 version prefix). Every field is optional; what is missing falls back to what the source can see.
/// </summary>
public sealed class VersionMetadata
{
    public string? Version { get; set; }

    public DateTimeOffset? CreatedTime { get; set; }

    public string? Sha256 { get; set; }

    public Dictionary<string, double>? Metrics { get; set; }

    public List<string>? Aliases { get; set; }
}
