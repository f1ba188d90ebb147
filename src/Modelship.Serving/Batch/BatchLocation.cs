using Modelship.Registry.S3;

namespace Modelship.Serving.Batch;

/// <summary>Where an input is read from or an output written to.</summary>
public enum BatchLocationKind
{
    File,
    Http,
    S3,
}

/// <summary>An input or output location: a plain path, file:///path, http(s)://... (input only) or s3://bucket/key.</summary>
public sealed record BatchLocation(BatchLocationKind Kind, string Text, string? LocalPath = null, Uri? Url = null, S3Uri? S3 = null)
{
    public static BatchLocation Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (S3Uri.TryParse(text, out var s3))
        {
            if (s3.IsPrefix)
            {
                throw new BatchInputException($"{text} names a prefix; name an object (s3://bucket/key)");
            }
            return new BatchLocation(BatchLocationKind.S3, text, S3: s3);
        }
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                throw new BatchInputException($"\"{text}\" is not a valid URI");
            }
            return uri.Scheme switch
            {
                "file" => new BatchLocation(BatchLocationKind.File, text, LocalPath: uri.LocalPath),
                "http" or "https" => new BatchLocation(BatchLocationKind.Http, text, Url: uri),
                _ => throw new BatchInputException($"{text}: unsupported scheme {uri.Scheme}://; use a path, file://, http(s):// or s3://"),
            };
        }
        return new BatchLocation(BatchLocationKind.File, text, LocalPath: Path.GetFullPath(text));
    }

    public override string ToString() => Text;
}
