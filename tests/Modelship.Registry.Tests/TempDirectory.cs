namespace Modelship.Registry.Tests;

/// <summary>A real directory under /tmp, deleted with everything in it at the end of the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "modelship-registry-" + Guid.NewGuid().ToString("N"));

    public string Write(string relativePath, string content, DateTime? lastWriteUtc = null)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (lastWriteUtc is { } time)
            File.SetLastWriteTimeUtc(path, time);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
