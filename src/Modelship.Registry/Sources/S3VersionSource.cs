using Amazon.S3;
using Amazon.S3.Model;
using Modelship.Registry.Metadata;
using Modelship.Registry.S3;

namespace Modelship.Registry.Sources;

/// <summary>Options of <see cref="S3VersionSource"/>.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Prefix">The key prefix under which each next path segment is a version ("models/churn" or "models/churn/"; "" for the whole bucket).</param>
/// <param name="ModelFileExtensions">Objects directly under the prefix with these extensions are versions. Default: .onnx.</param>
/// <param name="ListPageSize">Keys per ListObjectsV2 page; null for the server's default (1000 on AWS).</param>
public sealed record S3SourceOptions(string Bucket, string Prefix, IReadOnlyList<string>? ModelFileExtensions = null, int? ListPageSize = null)
{
    public IReadOnlyList<string> EffectiveModelFileExtensions => ModelFileExtensions ?? [".onnx"];

    /// <summary>The prefix ending in '/' (or empty), so "models/churn" does not also match "models/churn-old/".</summary>
    public string NormalizedPrefix => Prefix.Length == 0 || Prefix.EndsWith('/') ? Prefix : Prefix + "/";
}

/// <summary>
/// Versions under an S3 prefix, laid out as in a directory: each next path segment with objects below it is a version
/// (uri s3://bucket/prefix/version/, optional metadata.json in it), and each model object directly under the prefix is
/// one too (optional <c>&lt;key&gt;.metadata.json</c> beside it). Without metadata the version is the segment (or the
/// object name without its extension) and the created time the newest LastModified. An empty prefix is an error: it is
/// far more often a wrong bucket or prefix than a registry with no versions yet.
/// </summary>
public sealed class S3VersionSource(IAmazonS3 client, S3SourceOptions options) : IModelVersionSource
{
    private const int MaxMetadataBytes = 1 << 20;

    public async Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken cancellationToken)
    {
        var prefix = options.NormalizedPrefix;
        var location = $"s3://{options.Bucket}/{prefix}";
        var objects = await ListObjectsAsync(location, cancellationToken).ConfigureAwait(false);
        if (objects.Count == 0)
            throw new ModelSourceException(ModelSourceErrorKind.NotFound, $"{location} holds no objects (check the bucket and prefix)");

        var layout = S3VersionLayout.Group(objects, prefix, options.EffectiveModelFileExtensions);
        var versions = new List<ModelVersion>(layout.Count);
        foreach (var candidate in layout)
        {
            var metadata = candidate.MetadataKey is { } metadataKey
                ? await ReadMetadataAsync(metadataKey, cancellationToken).ConfigureAwait(false)
                : null;
            versions.Add(VersionMetadataReader.ToModelVersion(metadata, candidate.Name,
                new S3Uri(options.Bucket, candidate.Key).ToString(), candidate.LastModified));
        }
        var duplicate = versions.GroupBy(v => v.Version, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ModelSourceException(ModelSourceErrorKind.InvalidMetadata,
                $"{location}: version {duplicate.Key} is claimed by more than one entry ({string.Join(", ", duplicate.Select(v => v.Uri))})");
        return versions;
    }

    private async Task<List<S3Object>> ListObjectsAsync(string location, CancellationToken cancellationToken)
    {
        var objects = new List<S3Object>();
        var request = new ListObjectsV2Request { BucketName = options.Bucket, Prefix = options.NormalizedPrefix, MaxKeys = options.ListPageSize };
        try
        {
            ListObjectsV2Response response;
            do
            {
                response = await client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                objects.AddRange(response.S3Objects ?? []);
                request.ContinuationToken = response.NextContinuationToken;
            }
            while (response.IsTruncated == true);
        }
        catch (Exception e) when (S3Errors.IsTranslatable(e, cancellationToken))
        {
            throw S3Errors.Translate(e, $"listing {location} ({client.Config.ServiceURL ?? client.Config.RegionEndpoint?.SystemName})");
        }
        return objects;
    }

    private async Task<VersionMetadata> ReadMetadataAsync(string key, CancellationToken cancellationToken)
    {
        var location = new S3Uri(options.Bucket, key).ToString();
        try
        {
            using var response = await client.GetObjectAsync(options.Bucket, key, cancellationToken).ConfigureAwait(false);
            if (response.ContentLength > MaxMetadataBytes)
                throw new ModelSourceException(ModelSourceErrorKind.InvalidMetadata, $"{location} is {response.ContentLength} bytes; metadata is at most {MaxMetadataBytes}");
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return VersionMetadataReader.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), location);
        }
        catch (Exception e) when (S3Errors.IsTranslatable(e, cancellationToken))
        {
            throw S3Errors.Translate(e, $"reading {location}");
        }
    }
}
