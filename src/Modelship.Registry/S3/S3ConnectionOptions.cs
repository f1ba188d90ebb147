namespace Modelship.Registry.S3;

/// <summary>How to reach S3 or an S3-compatible server. Everything is explicit: the SDK never looks up credentials
/// or a region on its own (no EC2 instance metadata, no profile files).</summary>
/// <param name="AccessKeyId">With <paramref name="SecretAccessKey"/>; both null for anonymous access to public buckets.</param>
/// <param name="SecretAccessKey">The secret of <paramref name="AccessKeyId"/>.</param>
/// <param name="Region">The signing region (and the AWS endpoint's region when <paramref name="EndpointUrl"/> is null).</param>
/// <param name="EndpointUrl">An S3-compatible server (MinIO, Ceph, s3rver...); null for AWS.</param>
/// <param name="ForcePathStyle">http://host/bucket/key instead of http://bucket.host/key; most S3-compatible servers need it.</param>
/// <param name="SessionToken">For temporary credentials.</param>
public sealed record S3ConnectionOptions(
    string? AccessKeyId,
    string? SecretAccessKey,
    string Region = S3ConnectionOptions.DefaultRegion,
    Uri? EndpointUrl = null,
    bool ForcePathStyle = false,
    string? SessionToken = null)
{
    public const string DefaultRegion = "us-east-1";

    public override string ToString() =>
        $"S3 {(EndpointUrl is null ? "region " + Region : EndpointUrl.ToString())}, access key {AccessKeyId ?? "(anonymous)"}";
}
