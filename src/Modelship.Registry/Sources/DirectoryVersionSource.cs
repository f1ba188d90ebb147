using Modelship.Registry.Metadata;

namespace Modelship.Registry.Sources;

/// <summary>Options of <see cref="DirectoryVersionSource"/>.</summary>
/// <param name="Path">The directory whose entries are the versions.</param>
/// <param name="ModelFileExtensions">Files with these extensions are versions; other files are ignored. Default: .onnx.</param>
public sealed record DirectorySourceOptions(string Path, IReadOnlyList<string>? ModelFileExtensions = null)
{
    public const string MetadataFileName = "metadata.json";

    public const string MetadataFileSuffix = ".metadata.json";

    public IReadOnlyList<string> EffectiveModelFileExtensions => ModelFileExtensions ?? [".onnx"];
}

/// <summary>
/// Versions in a directory (a PVC, or a folder in a local run): each sub-folder is a version (with an optional
/// metadata.json inside), and so is each model file (with an optional <c>&lt;file&gt;.metadata.json</c> beside it).
/// Without metadata the version is the folder name or the file name without its extension, and the created time is the
/// last write time of the file (for a folder, of the newest file in it). Hidden entries (".name") are skipped, so a
/// writer can copy into ".v3" and rename to "v3" when done.
/// </summary>
public sealed class DirectoryVersionSource(DirectorySourceOptions options) : IModelVersionSource
{
    public async Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken cancellationToken)
    {
        var root = new DirectoryInfo(options.Path);
        if (!root.Exists)
            throw new ModelSourceException(ModelSourceErrorKind.NotFound, $"directory {root.FullName} does not exist");
        try
        {
            var versions = new List<ModelVersion>();
            foreach (var entry in root.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var version = entry switch
                {
                    _ when entry.Name.StartsWith('.') => null,
                    DirectoryInfo folder => await ReadFolderVersionAsync(folder, cancellationToken).ConfigureAwait(false),
                    FileInfo file when IsModelFile(file) => await ReadFileVersionAsync(file, cancellationToken).ConfigureAwait(false),
                    _ => null,
                };
                if (version is not null)
                    versions.Add(version);
            }
            ThrowOnDuplicateVersions(versions, root.FullName);
            return versions;
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ModelSourceException(ModelSourceErrorKind.Unauthorized, $"directory {root.FullName} cannot be read: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new ModelSourceException(ModelSourceErrorKind.Unreachable, $"directory {root.FullName} cannot be read: {e.Message}", e);
        }
    }

    private bool IsModelFile(FileInfo file) =>
        !file.Name.EndsWith(DirectorySourceOptions.MetadataFileSuffix, StringComparison.OrdinalIgnoreCase) &&
        options.EffectiveModelFileExtensions.Any(extension => file.Name.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    private static async Task<ModelVersion> ReadFolderVersionAsync(DirectoryInfo folder, CancellationToken cancellationToken)
    {
        var metadata = await ReadMetadataAsync(Path.Combine(folder.FullName, DirectorySourceOptions.MetadataFileName), cancellationToken).ConfigureAwait(false);
        var newestFile = folder.EnumerateFiles("*", SearchOption.AllDirectories).Select(f => f.LastWriteTimeUtc).DefaultIfEmpty(folder.LastWriteTimeUtc).Max();
        return VersionMetadataReader.ToModelVersion(metadata, folder.Name, folder.FullName, new DateTimeOffset(newestFile, TimeSpan.Zero));
    }

    private static async Task<ModelVersion> ReadFileVersionAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var metadata = await ReadMetadataAsync(file.FullName + DirectorySourceOptions.MetadataFileSuffix, cancellationToken).ConfigureAwait(false);
        return VersionMetadataReader.ToModelVersion(metadata, Path.GetFileNameWithoutExtension(file.Name), file.FullName,
            new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
    }

    private static async Task<VersionMetadata?> ReadMetadataAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return null;
        var json = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return VersionMetadataReader.Parse(json, path);
    }

    private static void ThrowOnDuplicateVersions(List<ModelVersion> versions, string root)
    {
        var duplicate = versions.GroupBy(v => v.Version, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ModelSourceException(ModelSourceErrorKind.InvalidMetadata,
                $"directory {root}: version {duplicate.Key} is claimed by more than one entry ({string.Join(", ", duplicate.Select(v => v.Uri))})");
    }
}
