namespace Modelship.Registry.Http;

/// <summary>The JSON index an <see cref="Sources.HttpIndexVersionSource"/> reads (docs/registry-sources.md).</summary>
public sealed class HttpIndexDocument
{
    public List<HttpIndexEntry?>? Versions { get; set; }
}

public sealed class HttpIndexEntry
{
    public string? Version { get; set; }

    public string? Uri { get; set; }

    public string? Sha256 { get; set; }

    public DateTimeOffset? CreatedTime { get; set; }

    public Dictionary<string, double>? Metrics { get; set; }

    public List<string>? Aliases { get; set; }
}
