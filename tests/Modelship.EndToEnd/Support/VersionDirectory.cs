namespace Modelship.EndToEnd.Support;

/// <summary>
/// The directory a RefreshSchedule lists, written as docs/registry-sources.md tells a person to: the metadata first,
/// then the model copied under a hidden name (never listed) and renamed into place, so no run sees half a model.
/// </summary>
public sealed class VersionDirectory(string path)
{
    public string Path { get; } = Directory.CreateDirectory(path).FullName;

    /// <summary>Adds <paramref name="model"/> as <paramref name="fileName"/> with <c>&lt;fileName&gt;.metadata.json</c> holding <paramref name="metadataJson"/>.</summary>
    public void Drop(string model, string fileName, string metadataJson)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, fileName + ".metadata.json"), metadataJson);
        var hidden = System.IO.Path.Combine(Path, "." + fileName);
        File.Copy(model, hidden);
        File.Move(hidden, System.IO.Path.Combine(Path, fileName));
    }
}
