using Modelship.Registry;
using Modelship.Registry.S3;

namespace Modelship.Serving.Fetch;

/// <summary>
/// s3:// sources of `modelship fetch`, through Modelship.Registry's <see cref="S3ObjectDownloader"/> (AWSSDK.S3). An
/// object is downloaded to the staging file and then checked (size cap, sha256, archive extraction) by
/// <see cref="ModelFetcher"/> like an http download; a prefix (s3://bucket/folder/) is a folder version, downloaded
/// object by object (keys that would leave the folder are refused) and capped in total size.
/// </summary>
public static class S3ModelDownloader
{
    /// <returns>Null for an object (now at <paramref name="file"/>); the result for a prefix (at <paramref name="folder"/>).</returns>
    public static async Task<FetchResult?> DownloadAsync(FetchOptions options, string file, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var uri = options.Source.OriginalString;
        if (!S3Uri.TryParse(uri, out var location))
        {
            throw new FetchException($"{uri} is not an s3://bucket/key URI");
        }
        try
        {
            using var client = S3ClientFactory.Create(options.S3 ?? new S3ConnectionOptions(null, null));
            var downloader = new S3ObjectDownloader(client);
            if (location.IsPrefix)
            {
                if (options.Sha256 is not null)
                {
                    throw new FetchException($"{uri} is a prefix (a folder of objects); sha256 can only be checked for a file or an archive");
                }
                var result = await downloader.DownloadAsync(uri, folder, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (result.Bytes > options.MaxBytes)
                {
                    throw new FetchException($"{uri} holds {result.Bytes} bytes, over the limit of {options.MaxBytes} bytes");
                }
                return new FetchResult(result.Path, result.Bytes, null);
            }
            await downloader.DownloadAsync(uri, file, cancellationToken: cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ModelSourceException e)
        {
            throw new FetchException($"{uri}: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new FetchException($"{uri}: {e.Message}", e);
        }
    }
}
