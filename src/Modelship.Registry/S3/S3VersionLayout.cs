using Amazon.S3.Model;
using Modelship.Registry.Sources;

namespace Modelship.Registry.S3;

/// <summary>One version found in a listing: a folder (key ends in '/') or a model object.</summary>
internal sealed record S3VersionCandidate(string Name, string Key, string? MetadataKey, DateTimeOffset? LastModified);

/// <summary>Groups a flat S3 listing into versions the way <see cref="DirectoryVersionSource"/> reads a directory.</summary>
internal static class S3VersionLayout
{
    public static IReadOnlyList<S3VersionCandidate> Group(IEnumerable<S3Object> objects, string prefix, IReadOnlyList<string> modelFileExtensions)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var folders = new SortedDictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        var files = new List<S3Object>();
        foreach (var s3Object in objects)
        {
            keys.Add(s3Object.Key);
            var relative = s3Object.Key[prefix.Length..];
            var slash = relative.IndexOf('/');
            if (relative.Length == 0 || relative.StartsWith('.'))
                continue;
            if (slash < 0)
            {
                files.Add(s3Object);
                continue;
            }
            var folder = relative[..slash];
            var modified = ToOffset(s3Object.LastModified);
            // A folder's created time is its newest object's, like a directory version's newest file.
            folders[folder] = folders.TryGetValue(folder, out var seen) && seen >= modified ? seen : modified;
        }

        var candidates = new List<S3VersionCandidate>();
        foreach (var (folder, lastModified) in folders)
        {
            var metadataKey = $"{prefix}{folder}/{DirectorySourceOptions.MetadataFileName}";
            candidates.Add(new S3VersionCandidate(folder, $"{prefix}{folder}/", keys.Contains(metadataKey) ? metadataKey : null, lastModified));
        }
        foreach (var file in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var name = file.Key[prefix.Length..];
            if (name.EndsWith(DirectorySourceOptions.MetadataFileSuffix, StringComparison.OrdinalIgnoreCase) ||
                !modelFileExtensions.Any(extension => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
                continue;
            var metadataKey = file.Key + DirectorySourceOptions.MetadataFileSuffix;
            candidates.Add(new S3VersionCandidate(Path.GetFileNameWithoutExtension(name), file.Key,
                keys.Contains(metadataKey) ? metadataKey : null, ToOffset(file.LastModified)));
        }
        return candidates;
    }

    private static DateTimeOffset? ToOffset(DateTime? time) =>
        time is { } t ? new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()) : null;
}
