using System.Security.Cryptography;

namespace Modelship.Serving.Fetch;

/// <summary>What landed in the destination.</summary>
public sealed record FetchResult(string Path, long Bytes, string? Sha256);

/// <summary>
/// `modelship fetch`: copies or downloads a model into a directory, verifies its SHA-256, extracts archives
/// safely, and moves the result in only when everything checked out, so a failed fetch leaves nothing behind.
/// </summary>
public static class ModelFetcher
{
    public static readonly IReadOnlyList<string> SupportedSchemes = ["file", "pvc", "http", "https", "s3"];

    private const string StagingName = ".modelship-partial";

    public static async Task<FetchResult> FetchAsync(FetchOptions options, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.Destination);
        var staging = Path.Combine(options.Destination, StagingName);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        try
        {
            var result = await FetchIntoAsync(options, staging, cancellationToken).ConfigureAwait(false);
            foreach (var entry in Directory.EnumerateFileSystemEntries(staging))
            {
                var target = Path.Combine(options.Destination, Path.GetFileName(entry));
                if (Directory.Exists(entry))
                {
                    Directory.Move(entry, target);
                }
                else
                {
                    File.Move(entry, target, overwrite: true);
                }
            }

            return result with { Path = Path.Combine(options.Destination, Path.GetRelativePath(staging, result.Path)) };
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The local path of a file:// or pvc:// source.</summary>
    public static string LocalPath(Uri source, string pvcRoot) => source.Scheme switch
    {
        "file" => source.LocalPath,
        "pvc" => Path.Combine(pvcRoot, source.Host, Uri.UnescapeDataString(source.AbsolutePath).TrimStart('/')),
        _ => throw new FetchException($"{source.Scheme}:// is not a local source"),
    };

    private static async Task<FetchResult> FetchIntoAsync(FetchOptions options, string staging, CancellationToken cancellationToken)
    {
        var source = options.Source;
        var name = Path.GetFileName(Uri.UnescapeDataString(source.AbsolutePath));
        if (string.IsNullOrEmpty(name))
        {
            name = "model";
        }

        string file;
        switch (source.Scheme)
        {
            case "http" or "https":
                file = Path.Combine(staging, ".download");
                await HttpModelDownloader.DownloadAsync(options, file, cancellationToken).ConfigureAwait(false);
                break;
            case "s3":
                file = Path.Combine(staging, ".download");
                if (await S3ModelDownloader.DownloadAsync(options, file, Path.Combine(staging, name), cancellationToken).ConfigureAwait(false) is { } folder)
                {
                    return folder;
                }
                break;
            case "file" or "pvc":
                file = LocalPath(source, options.PvcRoot);
                if (Directory.Exists(file))
                {
                    if (options.Sha256 is not null)
                    {
                        throw new FetchException($"{source} is a directory; sha256 can only be checked for a file or an archive");
                    }

                    var copied = Path.Combine(staging, name);
                    var bytes = await CopyDirectoryAsync(file, copied, options.MaxBytes, cancellationToken).ConfigureAwait(false);
                    return new FetchResult(copied, bytes, null);
                }

                if (!File.Exists(file))
                {
                    throw new FetchException($"{source}: no such file or directory ({file})");
                }

                break;
            default:
                throw new FetchException(
                    $"unsupported model URI scheme '{source.Scheme}://'; supported: {string.Join(", ", SupportedSchemes.Select(s => s + "://"))}");
        }

        var length = new FileInfo(file).Length;
        if (length > options.MaxBytes)
        {
            throw new FetchException($"{source} is {length} bytes, over the limit of {options.MaxBytes} bytes");
        }

        var sha256 = await Sha256Async(file, cancellationToken).ConfigureAwait(false);
        if (options.Sha256 is not null && !string.Equals(sha256, options.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new FetchException($"sha256 mismatch for {HttpModelDownloader.Redact(source)}: expected {options.Sha256.ToLowerInvariant()}, got {sha256}");
        }

        if (SafeArchiveExtractor.IsArchive(name))
        {
            var extracted = Path.Combine(staging, "model");
            Directory.CreateDirectory(extracted);
            await SafeArchiveExtractor.ExtractAsync(file, name, extracted, options.MaxBytes, cancellationToken).ConfigureAwait(false);
            DeleteIfInStaging(file, staging);
            return new FetchResult(extracted, length, sha256);
        }

        var target = Path.Combine(staging, name);
        if (file.StartsWith(staging, StringComparison.Ordinal))
        {
            File.Move(file, target);
        }
        else
        {
            File.Copy(file, target);
        }

        return new FetchResult(target, length, sha256);
    }

    private static void DeleteIfInStaging(string file, string staging)
    {
        if (file.StartsWith(staging, StringComparison.Ordinal))
        {
            File.Delete(file);
        }
    }

    private static async Task<string> Sha256Async(string file, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(file);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false)).ToLowerInvariant();
        }
    }

    private static async Task<long> CopyDirectoryAsync(string source, string target, long maxBytes, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (new FileInfo(file).LinkTarget is not null)
            {
                throw new FetchException($"{file} is a symbolic link; links are not allowed in model directories");
            }

            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            var input = File.OpenRead(file);
            await using (input.ConfigureAwait(false))
            {
                var output = File.Create(destination);
                await using (output.ConfigureAwait(false))
                {
                    total += await LimitedCopy.CopyAsync(input, output, maxBytes - total, source, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return total;
    }
}
