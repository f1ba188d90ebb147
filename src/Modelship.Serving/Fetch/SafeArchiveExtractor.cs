using System.Formats.Tar;
using System.IO.Compression;

namespace Modelship.Serving.Fetch;

/// <summary>
/// Extracts .tar, .tar.gz/.tgz and .zip archives without letting an entry escape the destination (absolute
/// paths, `..`, links) and without extracting more than the size cap (archive bombs).
/// </summary>
public static class SafeArchiveExtractor
{
    public static bool IsArchive(string fileName) =>
        fileName.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    public static async Task ExtractAsync(string archive, string archiveName, string destination, long maxBytes, CancellationToken cancellationToken)
    {
        if (archiveName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            await ExtractZipAsync(archive, destination, maxBytes, cancellationToken).ConfigureAwait(false);
            return;
        }

        var file = File.OpenRead(archive);
        await using (file.ConfigureAwait(false))
        {
            Stream source = archiveName.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) ? file : new GZipStream(file, CompressionMode.Decompress);
            await using (source.ConfigureAwait(false))
            {
                await ExtractTarAsync(source, destination, maxBytes, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The full path an entry would land on, or an error when it would land outside the destination.</summary>
    public static string ContainedPath(string destination, string entryName)
    {
        var root = Path.GetFullPath(destination);
        if (Path.IsPathRooted(entryName))
        {
            throw new FetchException($"archive entry '{entryName}' has an absolute path");
        }

        var full = Path.GetFullPath(Path.Combine(root, entryName));
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new FetchException($"archive entry '{entryName}' would be written outside the model directory");
        }

        return full;
    }

    private static async Task ExtractTarAsync(Stream source, string destination, long maxBytes, CancellationToken cancellationToken)
    {
        var reader = new TarReader(source);
        await using (reader.ConfigureAwait(false))
        {
            long total = 0;
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var path = ContainedPath(destination, entry.Name);
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(path);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        var target = File.Create(path);
                        await using (target.ConfigureAwait(false))
                        {
                            if (entry.DataStream is { } data)
                            {
                                total += await LimitedCopy.CopyAsync(data, target, maxBytes - total, "the extracted archive", cancellationToken)
                                    .ConfigureAwait(false);
                            }
                        }

                        break;
                    case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                        throw new FetchException($"archive entry '{entry.Name}' is a link; links are not allowed in model archives");
                    default:
                        // PAX/GNU metadata entries carry no file content.
                        break;
                }
            }
        }
    }

    private static async Task ExtractZipAsync(string archive, string destination, long maxBytes, CancellationToken cancellationToken)
    {
        using var zip = ZipFile.OpenRead(archive);
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            var path = ContainedPath(destination, entry.FullName);
            if (entry.FullName.EndsWith('/'))
            {
                Directory.CreateDirectory(path);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var source = entry.Open();
            await using (source.ConfigureAwait(false))
            {
                var target = File.Create(path);
                await using (target.ConfigureAwait(false))
                {
                    total += await LimitedCopy.CopyAsync(source, target, maxBytes - total, "the extracted archive", cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
