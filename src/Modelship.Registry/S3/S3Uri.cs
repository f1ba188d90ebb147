namespace Modelship.Registry.S3;

/// <summary>An <c>s3://bucket/key</c> location; a key ending in '/' (or empty) names a prefix.</summary>
public sealed record S3Uri(string Bucket, string Key)
{
    public const string Scheme = "s3";

    public bool IsPrefix => Key.Length == 0 || Key.EndsWith('/');

    public static bool TryParse(string uri, out S3Uri result)
    {
        result = null!;
        if (!uri.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
            return false;
        var rest = uri["s3://".Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? "" : rest[(slash + 1)..];
        if (bucket.Length == 0)
            return false;
        result = new S3Uri(bucket, key);
        return true;
    }

    public static S3Uri Parse(string uri) =>
        TryParse(uri, out var result) ? result : throw new ArgumentException($"\"{uri}\" is not an s3://bucket/key URI.", nameof(uri));

    public override string ToString() => $"s3://{Bucket}/{Key}";
}
