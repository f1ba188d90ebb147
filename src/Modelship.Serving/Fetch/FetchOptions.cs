using Modelship.Registry.S3;

namespace Modelship.Serving.Fetch;

/// <summary>What `modelship fetch` downloads, where to, and the limits it enforces.</summary>
public sealed record FetchOptions
{
    /// <summary>file:///path, pvc://claim/path, http://, https:// or s3://bucket/key (s3://bucket/prefix/ for a folder).</summary>
    public required Uri Source { get; init; }

    /// <summary>Directory that receives the model; created when missing.</summary>
    public required string Destination { get; init; }

    /// <summary>Expected SHA-256 (hex) of the fetched file or archive; checked before anything lands.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Cap on the bytes downloaded and on the bytes an archive may extract to.</summary>
    public long MaxBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Loopback, link-local and private addresses are refused unless allowed (they reach cluster internals).</summary>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>Where PersistentVolumeClaims are mounted: pvc://claim/path reads {PvcRoot}/claim/path.</summary>
    public string PvcRoot { get; init; } = "/mnt/pvc";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How s3:// sources are reached (endpoint, region, credentials); anonymous AWS when null.</summary>
    public S3ConnectionOptions? S3 { get; init; }
}
