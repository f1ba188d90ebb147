using System.Globalization;

namespace Modelship.Serving.InferenceLog;

/// <summary>
/// The files of one log directory: <c>inference.log</c> (index 0, being written) and <c>inference.log.N</c> (older
/// with larger N). Rotation and the opening of files for reading take <see cref="Lock"/>, so a reader in the same
/// process never sees a file twice or misses one while names shift.
/// </summary>
public sealed class InferenceLogFiles(string directory)
{
    public const string FileName = "inference.log";

    public string Directory { get; } = directory;

    public Lock Lock { get; } = new();

    public string PathOf(int index) => Path.Combine(Directory, index == 0 ? FileName : $"{FileName}.{index.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Shifts every file one index up and drops the ones at <paramref name="maxFiles"/> or beyond; call with <see cref="Lock"/> held.</summary>
    public void Shift(int maxFiles)
    {
        var existing = ExistingIndexes();
        foreach (var index in existing.Where(i => i >= maxFiles - 1))
        {
            File.Delete(PathOf(index));
        }
        foreach (var index in existing.Where(i => i < maxFiles - 1).OrderDescending())
        {
            File.Move(PathOf(index), PathOf(index + 1), overwrite: true);
        }
    }

    /// <summary>
    /// Opens every file for reading, oldest first, each with the length it has now: lines written later are not
    /// read, and a line still half in the writer's buffer is recognized by its missing newline.
    /// </summary>
    public IReadOnlyList<(FileStream Stream, long Length)> OpenOldestFirst()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        var opened = new List<(FileStream, long)>();
        lock (Lock)
        {
            foreach (var index in ExistingIndexes().OrderDescending())
            {
                try
                {
                    var stream = new FileStream(PathOf(index), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
                    opened.Add((stream, stream.Length));
                }
                catch (FileNotFoundException)
                {
                    // Deleted by another process's rotation (the CLI reading a live directory); nothing to read.
                }
            }
        }
        return opened;
    }

    private List<int> ExistingIndexes()
    {
        var indexes = new List<int>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, FileName + "*"))
        {
            var name = Path.GetFileName(path);
            if (name == FileName)
            {
                indexes.Add(0);
            }
            else if (name.StartsWith(FileName + ".", StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(FileName.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index > 0)
            {
                indexes.Add(index);
            }
        }
        return indexes;
    }
}
