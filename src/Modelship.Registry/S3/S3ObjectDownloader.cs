using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace Modelship.Registry.S3;

/// <summary>What a download wrote.</summary>
/// <param name="Path">The file written (for a prefix: the directory).</param>
/// <param name="Bytes">Bytes written.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file (null for a prefix).</param>
public sealed record S3DownloadResult(string Path, long Bytes, string? Sha256);

/// <summary>
/// Downloads s3:// model URIs (what <c>modelship fetch</c> calls). An object is written to a temporary file beside the
/// destination and renamed into place only once its SHA-256 matches, so a failed or wrong download never leaves a
/// file that looks like a model. A prefix (s3://bucket/prefix/, a folder version) is downloaded object by object into
/// the destination directory.
/// </summary>
public sealed class S3ObjectDownloader(IAmazonS3 client)
{
    public async Task<S3DownloadResult> DownloadAsync(string uri, string destinationPath, string? expectedSha256 = null, CancellationToken cancellationToken = default)
    {
        var location = S3Uri.Parse(uri);
        if (expectedSha256 is not null && !Sha256Hex.IsValid(expectedSha256))
            throw new ArgumentException($"The expected sha256 \"{expectedSha256}\" is not 64 hexadecimal characters.", nameof(expectedSha256));
        if (location.IsPrefix)
        {
            if (expectedSha256 is not null)
                throw new ArgumentException($"{uri} is a prefix (a folder of objects); a sha256 can only be checked for one object.", nameof(expectedSha256));
            return await DownloadPrefixAsync(location, destinationPath, cancellationToken).ConfigureAwait(false);
        }
        return await DownloadObjectAsync(location, destinationPath, expectedSha256, cancellationToken).ConfigureAwait(false);
    }

    private async Task<S3DownloadResult> DownloadObjectAsync(S3Uri location, string destinationPath, string? expectedSha256, CancellationToken cancellationToken)
    {
        var destination = Path.GetFullPath(destinationPath);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var partial = $"{destination}.partial-{Guid.NewGuid():N}";
        try
        {
            long bytes;
            string sha256;
            try
            {
                using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken).ConfigureAwait(false);
                (bytes, sha256) = await CopyHashingAsync(response.ResponseStream, partial, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (S3Errors.IsTranslatable(e, cancellationToken))
            {
                throw S3Errors.Translate(e, $"downloading {location}");
            }
            if (expectedSha256 is not null && !string.Equals(expectedSha256, sha256, StringComparison.OrdinalIgnoreCase))
                throw new ModelSourceException(ModelSourceErrorKind.ChecksumMismatch,
                    $"{location} has sha256 {sha256}, expected {expectedSha256.ToLowerInvariant()}; nothing was written to {destination}");
            File.Move(partial, destination, overwrite: true);
            return new S3DownloadResult(destination, bytes, sha256);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private async Task<S3DownloadResult> DownloadPrefixAsync(S3Uri location, string destinationPath, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(destinationPath);
        var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Key };
        var keys = new List<string>();
        try
        {
            ListObjectsV2Response response;
            do
            {
                response = await client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                keys.AddRange((response.S3Objects ?? []).Select(o => o.Key).Where(k => !k.EndsWith('/')));
                request.ContinuationToken = response.NextContinuationToken;
            }
            while (response.IsTruncated == true);
        }
        catch (Exception e) when (S3Errors.IsTranslatable(e, cancellationToken))
        {
            throw S3Errors.Translate(e, $"listing {location}");
        }
        if (keys.Count == 0)
            throw new ModelSourceException(ModelSourceErrorKind.NotFound, $"{location} holds no objects");

        long total = 0;
        foreach (var key in keys)
        {
            var target = LocalPathFor(root, key[location.Key.Length..], location with { Key = key });
            total += (await DownloadObjectAsync(location with { Key = key }, target, null, cancellationToken).ConfigureAwait(false)).Bytes;
        }
        return new S3DownloadResult(root, total, null);
    }

    /// <summary>Object keys are not paths: "a/../../etc/x" must not leave the destination.</summary>
    internal static string LocalPathFor(string root, string relativeKey, S3Uri source)
    {
        var path = Path.GetFullPath(Path.Combine(root, relativeKey));
        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!path.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            throw new ModelSourceException(ModelSourceErrorKind.InvalidResponse, $"{source} would be written outside {root}; refusing it");
        return path;
    }

    private static async Task<(long Bytes, string Sha256)> CopyHashingAsync(Stream source, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long bytes = 0;
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                bytes += read;
            }
        }
        return (bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
