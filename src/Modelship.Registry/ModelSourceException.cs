namespace Modelship.Registry;

/// <summary>What kind of failure a source met; a controller maps it to a condition reason.</summary>
public enum ModelSourceErrorKind
{
    /// <summary>The directory, bucket, index or model does not exist (404, NoSuchBucket, missing path).</summary>
    NotFound,
    /// <summary>The credentials were refused (401, 403, AccessDenied).</summary>
    Unauthorized,
    /// <summary>The source answered with something we cannot read (bad JSON, missing fields, other HTTP statuses).</summary>
    InvalidResponse,
    /// <summary>A version's metadata.json is malformed.</summary>
    InvalidMetadata,
    /// <summary>The source could not be reached (connection refused, DNS, timeout).</summary>
    Unreachable,
    /// <summary>A downloaded file does not have the expected SHA-256.</summary>
    ChecksumMismatch,
}

/// <summary>A model version source failed; the message names the source and says why.</summary>
public sealed class ModelSourceException : Exception
{
    public ModelSourceException(ModelSourceErrorKind kind, string message) : base(message) => Kind = kind;

    public ModelSourceException(ModelSourceErrorKind kind, string message, Exception inner) : base(message, inner) => Kind = kind;

    public ModelSourceErrorKind Kind { get; }
}
