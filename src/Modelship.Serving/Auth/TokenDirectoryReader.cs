using System.Text;

namespace Modelship.Serving.Auth;

/// <summary>
/// Reads a directory of token files, one token per file: a mounted Secret volume (one file per key). Names starting
/// with '.' are skipped: the kubelet keeps the real files in hidden <c>..data</c> / <c>..2026_..</c> entries and points
/// the visible names at them through symlinks, which reading follows.
/// </summary>
public static class TokenDirectoryReader
{
    /// <summary>The tokens of <paramref name="directory"/>; an empty set when it does not exist (every request is refused).</summary>
    public static (BearerTokenSet Tokens, IReadOnlyList<string> Skipped) Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return (BearerTokenSet.Empty, []);
        }
        var tokens = new List<string>();
        var skipped = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('.'))
            {
                continue;
            }
            try
            {
                var info = new FileInfo(path);
                if (info.Length > BearerTokenSet.MaxTokenBytes)
                {
                    skipped.Add($"{name}: larger than {BearerTokenSet.MaxTokenBytes} bytes");
                    continue;
                }
                tokens.Add(Encoding.UTF8.GetString(File.ReadAllBytes(path)));
            }
            catch (FileNotFoundException)
            {
                // A key removed mid-rotation (its link now dangles): it is no longer a token.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file removed between listing and reading (a rotation in progress): the next scan sees the result.
                skipped.Add($"{name}: {e.Message}");
            }
        }
        return (BearerTokenSet.Of(tokens), skipped);
    }
}
